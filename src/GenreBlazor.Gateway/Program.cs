using Yarp.ReverseProxy;

// The gateway is YARP and its configuration (section ReverseProxy of appsettings.json, or the environment): routes,
// the replicas as destinations, cookie session affinity and health checks. Why it is a product project and not test
// support: docs/decisions/0056-replicas-behind-a-yarp-gateway.md.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
// What the health checks think of each replica, for an operator (and the replica test) to read.
app.MapGet("/gateway/replicas", (IProxyStateLookup state) => TypedResults.Ok(
    state.GetClusters().SelectMany(cluster => cluster.Destinations.Values.Select(d => new
    {
        cluster = cluster.ClusterId,
        destination = d.DestinationId,
        address = d.Model.Config.Address,
        active = d.Health.Active.ToString(),
        passive = d.Health.Passive.ToString(),
    }))));
app.MapReverseProxy();
await app.RunAsync();
