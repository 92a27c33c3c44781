# A Kafka Connect worker with alertstream's sink connectors installed as a plugin.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -DskipTests -pl connectors -am package

FROM apache/kafka:4.3.1
USER root
COPY --from=build /src/connectors/target/alertstream-connectors-*-plugin.zip /tmp/plugin.zip
RUN mkdir -p /opt/connect-plugins && cd /opt/connect-plugins && unzip -q /tmp/plugin.zip && rm /tmp/plugin.zip
COPY docker/connect-distributed.properties /opt/connect/connect-distributed.properties
USER appuser
CMD ["/opt/kafka/bin/connect-distributed.sh", "/opt/connect/connect-distributed.properties"]
