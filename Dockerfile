# One image recipe for every module: docker build --build-arg MODULE=customer-service .
# Build the jars first (./mvnw -B -DskipTests package); the image only packages them.
FROM eclipse-temurin:17-jre
ARG MODULE
RUN useradd --system --uid 10001 inetpublish
WORKDIR /app
COPY ${MODULE}/target/${MODULE}.jar /app/app.jar
USER inetpublish
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=70 -XX:+UseSerialGC -Xss512k"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
