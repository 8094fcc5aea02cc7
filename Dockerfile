# The project's own image: the build's jars on a JDK 17, and the scripts that run them. The compose
# files run the producer, the processor, the dashboard and HBase (which has no official image of
# 2.6) from it. UNTESTED: no Docker engine runs where this project is built (docs/SCALING.md).
#   docker build -t clickstream-pipeline .
FROM maven:3.9-eclipse-temurin-17

# Vaadin's build step runs node (20+); the image's apt would bring an older one.
COPY --from=node:20-bookworm-slim /usr/local/bin/node /usr/local/bin/node
COPY --from=node:20-bookworm-slim /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm

WORKDIR /clickstream
COPY . .
# The jars and the classpath files the scripts read; the dependencies stay in /root/.m2, where the
# classpath files point.
RUN mvn -B -q -DskipTests package && rm -rf .stack .stack-*

# Everything the scripts start listens on 127.0.0.1 unless told otherwise; in a container, the
# compose files tell them (--host, the HBase configuration in docker/, Spark's driver address).
ENV STACK_DIR=/state
VOLUME /state
