using GenreBlazor.Storage;
using GenreBlazor.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GenreBlazor.Web.Extensions;

/// <summary>
/// What replicas must share beyond the store's own tables: Data Protection's key ring in the store (cookies and
/// protected browser storage one replica writes, another reads), and HybridCache with Redis as its distributed layer
/// when <c>Cache:Redis</c> names a server. <c>/health</c> reports the store, and Redis when configured.
/// </summary>
public static class SharedStateRegistration
{
    /// <summary>The StackExchange.Redis configuration string (e.g. <c>redis:6379,abortConnect=false</c>); empty: memory only.</summary>
    public const string RedisKey = "Cache:Redis";

    /// <summary>Registers the shared key ring, the cache and their health checks.</summary>
    public static WebApplicationBuilder AddSharedState(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddStoreSchema(StoreXmlRepository.Schema);
        // One application name: the key ring's purpose strings must match on every replica, whatever its folder.
        services.AddDataProtection().SetApplicationName("GenreBlazor");
        services.AddOptions<KeyManagementOptions>().Configure<AppStore>((options, store) => options.XmlRepository = new StoreXmlRepository(store));

        var health = services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        var redis = builder.Configuration[RedisKey];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // HybridCache finds this IDistributedCache and uses it under its memory layer.
            services.AddStackExchangeRedisCache(options =>
            {
                options.Configuration = redis;
                options.InstanceName = "genreblazor:";
            });
            health.AddCheck<RedisHealthCheck>("redis");
        }
        services.AddHybridCache();
        return builder;
    }

    private sealed class StoreHealthCheck(AppStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var name = store.Dialect.Name;
            try
            {
                await store.QueryAsync("SELECT 1", r => r.GetInt32(0), cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy($"{name} store answers");
            }
            catch (System.Data.Common.DbException e)
            {
                return HealthCheckResult.Unhealthy($"{name} store does not answer: {e.Message}");
            }
        }
    }

    private sealed class RedisHealthCheck(IDistributedCache cache) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await cache.GetAsync("health", cancellationToken).ConfigureAwait(false);
                return HealthCheckResult.Healthy("Redis answers");
            }
            catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy($"Redis does not answer: {e.Message}");
            }
        }
    }
}
