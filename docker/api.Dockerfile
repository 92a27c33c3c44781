# The alertstream API image: the api module (and the topology it builds on) with runtime dependencies, no broker code.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# One reactor build: the runtime dependencies include sibling modules (alertstream-template, ...), which a second
# `mvn -pl api` could only find installed in a repository.
RUN mvn -B -q -DskipTests -pl api -am package dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 alertstream && mkdir -p /var/lib/alertstream && chown alertstream /var/lib/alertstream
COPY --from=build /src/api/target/lib/ /app/lib/
COPY --from=build /src/api/target/alertstream-api-*.jar /app/lib/
USER alertstream
ENV ALERTSTREAM_API_STATE_DIR=/var/lib/alertstream/api-state
ENTRYPOINT ["java", "-Dalertstream.log.file=/var/lib/alertstream/logs/api.log", "-cp", "/app/lib/*", "io.alertstream.api.cli.ApiMain"]
CMD ["api", "--bootstrap-servers", "kafka:9092", "--verbose"]
