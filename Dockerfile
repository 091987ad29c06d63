# Build stage: the same Maven wrapper and JDK 17 as development.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml checkstyle.xml ./
RUN ./mvnw -B -q dependency:go-offline
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
HEALTHCHECK --interval=10s --timeout=3s CMD ["sh", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080"]
ENTRYPOINT ["java", "-jar", "/app/queast-gateway.jar"]
CMD ["serve"]
