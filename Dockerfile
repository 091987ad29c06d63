# Build stage: the same Maven wrapper and JDK 17 as development.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml checkstyle.xml ./
# dependency:go-offline ignores the BOM for transitive artifacts (it asks for vertx 4.5.26 jars the
# mirror lacks); resolve exactly what the build resolves instead.
RUN ./mvnw -B -q dependency:resolve dependency:resolve-plugins
COPY conf conf
COPY src src
RUN ./mvnw -B -q package -DskipTests -Dspotless.check.skip -Dcheckstyle.skip

# Runtime stage: JRE only, non-root user, config on disk for overrides.
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home /app gateway
WORKDIR /app
COPY --from=build /src/target/queast-gateway.jar /app/queast-gateway.jar
COPY conf /app/conf
USER 10001
EXPOSE 8080
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
# bash, not sh: /dev/tcp is a bash feature (dash, the image's sh, lacks it). Healthy = /health/live answers 200.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${GATEWAY_HTTP_PORT:-8080} && printf 'GET /health/live HTTP/1.0\\r\\n\\r\\n' >&3 && head -1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["java", "-jar", "/app/queast-gateway.jar"]
CMD ["serve"]
