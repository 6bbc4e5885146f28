# GenreBlazor's web app as an image: built from this repository, run as a non-root user, the committed model bundle
# and the ResNet18 poster backbone (copied from its NuGet package by the build) inside. How to run replicas of it:
# README "Past one machine", deploy/compose.yaml, deploy/kubernetes.yaml.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, on the project files alone, so a code change does not download the packages again.
COPY global.json Directory.Build.props Directory.Build.targets Directory.Packages.props appsettings.json ./
COPY src/GenreBlazor.Core/GenreBlazor.Core.csproj src/GenreBlazor.Core/
COPY src/GenreBlazor.Bedrock/GenreBlazor.Bedrock.csproj src/GenreBlazor.Bedrock/
COPY src/GenreBlazor.Imaging/GenreBlazor.Imaging.csproj src/GenreBlazor.Imaging/
COPY src/GenreBlazor.Vision/GenreBlazor.Vision.csproj src/GenreBlazor.Vision/
COPY src/GenreBlazor.Storage/GenreBlazor.Storage.csproj src/GenreBlazor.Storage/
COPY src/GenreBlazor.Web/GenreBlazor.Web.csproj src/GenreBlazor.Web/
COPY src/GenreBlazor.Gateway/GenreBlazor.Gateway.csproj src/GenreBlazor.Gateway/
# One runtime identifier: only Linux x64 native libraries in the image (125 MB of app instead of 513 MB with every RID).
RUN dotnet restore src/GenreBlazor.Web/GenreBlazor.Web.csproj -r linux-x64 && dotnet restore src/GenreBlazor.Gateway/GenreBlazor.Gateway.csproj -r linux-x64
COPY src/ src/
COPY wwwroot-assets/ wwwroot-assets/
RUN dotnet publish src/GenreBlazor.Web/GenreBlazor.Web.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /app

# The gateway (YARP, session affinity, health checks) for replicas without Kubernetes: docker build --target gateway .
FROM build AS gateway-build
RUN dotnet publish src/GenreBlazor.Gateway/GenreBlazor.Gateway.csproj -c Release -r linux-x64 --self-contained false --no-restore -o /gateway

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS gateway
WORKDIR /gateway
COPY --from=gateway-build /gateway ./
USER app
ENV Urls=http://+:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /gateway/replicas HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "GenreBlazor.Gateway.dll"]

# The app (the default target, last).
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
COPY models/default/ models/default/
# The catalog DNA and the personas (Discover, movie pages, picks); the movies CSV behind the movie pages' plots and the
# Data page is not in the image: mount it at /data/shared/movies.csv (see the README's "Image").
COPY models/discovery/ models/discovery/
# State that is not shared lives in /data (the SQLite store of a single container); replicas point Store__* at
# PostgreSQL instead. The image's own "app" user (uid 1654) owns it; nothing in /app is writable.
RUN mkdir /data && chown app /data
USER app
ENV Urls=http://+:8080 \
    GenreModel__BundlePath=/app/models/default \
    Store__ConnectionString=/data/genreblazor.db \
    Profiles__Directory=/data/profiles \
    Discovery__DnaPath=/app/models/discovery/dna.bin \
    Discovery__MoviesPath=/data/shared/movies.csv \
    Picks__PersonasPath=/app/models/discovery/personas.json \
    Data__CsvPath=/data/shared/movies.csv \
    DOTNET_gcServer=0
EXPOSE 8080
VOLUME /data
# No curl in the runtime image: bash's /dev/tcp asks /health (200 when the model, the store and Redis answer).
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
ENTRYPOINT ["dotnet", "GenreBlazor.Web.dll"]
