# The alertstream application image: the topology module and its runtime dependencies, no broker code.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# One reactor build: the runtime dependencies include sibling modules (alertstream-template, ...), which a second
# `mvn -pl topology` could only find installed in a repository.
RUN mvn -B -q -DskipTests -pl topology -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 alertstream && mkdir -p /var/lib/alertstream && chown alertstream /var/lib/alertstream
COPY --from=build /src/topology/target/lib/ /app/lib/
COPY --from=build /src/topology/target/alertstream-topology-*.jar /app/lib/
COPY rules/ /rules/
USER alertstream
ENV ALERTSTREAM_KAFKA_STATE_DIR=/var/lib/alertstream/state
# A container's logs belong on its console (docker logs): --verbose puts library warnings there too; the
# file copy goes to the state volume, which the unprivileged user can write.
ENTRYPOINT ["java", "-Dalertstream.log.file=/var/lib/alertstream/logs/alertstream.log", "-cp", "/app/lib/*", "io.alertstream.topology.cli.Main"]
CMD ["run", "--bootstrap-servers", "kafka:9092", "--rules", "/rules", "--verbose"]
