using System.Diagnostics;
using GenreBlazor.Web.Security;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GenreBlazor.Web.Extensions;

/// <summary>What this replica's process holds right now, for an operator: circuits, managed heap, resident memory.</summary>
/// <param name="Circuits">Blazor circuits open (connected or waiting for their browser to come back).</param>
/// <param name="ConnectedCircuits">Of those, the ones whose browser is connected.</param>
/// <param name="ManagedHeapBytes">Bytes the garbage collector counts as live (after a full collection when asked).</param>
/// <param name="ResidentBytes">The process's resident memory.</param>
/// <param name="Collected">Whether a full, compacting collection ran first.</param>
public sealed record RuntimeFigures(int Circuits, int ConnectedCircuits, long ManagedHeapBytes, long ResidentBytes, bool Collected);

/// <summary>
/// <c>GET /api/operator/runtime</c> (operator only; <c>?collect=true</c> runs a full collection first, so the heap
/// figure is what is live, not what the collector has not reclaimed yet). Memory per circuit is measured with it
/// (the benchmark's <c>load</c> section).
/// </summary>
public static class RuntimeRegistration
{
    /// <summary>Registers the circuit counter.</summary>
    public static WebApplicationBuilder AddRuntimeFigures(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCounter.Handler>());
        return builder;
    }

    /// <summary>Maps <c>GET /api/operator/runtime</c>.</summary>
    public static WebApplication MapRuntimeFigures(this WebApplication app)
    {
        app.MapGet("/api/operator/runtime", (bool? collect, CircuitCounter circuits) =>
            {
                if (collect == true)
                {
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                    GC.WaitForPendingFinalizers();
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
                }
                using var process = Process.GetCurrentProcess();
                return TypedResults.Ok(new RuntimeFigures(circuits.Open, circuits.Connected, GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, collect == true));
            })
            .RequireAuthorization(OperatorAccess.Policy)
            .WithTags("Operators").WithName("Runtime").WithSummary("Circuits and memory of this replica (operator only)")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return app;
    }
}

/// <summary>Counts this process's Blazor circuits.</summary>
public sealed class CircuitCounter
{
    private int _open;
    private int _connected;

    /// <summary>Circuits open.</summary>
    public int Open => Volatile.Read(ref _open);

    /// <summary>Circuits whose browser is connected.</summary>
    public int Connected => Volatile.Read(ref _connected);

    /// <summary>The framework's hook into each circuit's life (one per circuit).</summary>
    public sealed class Handler(CircuitCounter counter) : CircuitHandler
    {
        /// <inheritdoc />
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._open);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref counter._connected);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref counter._connected);
            return Task.CompletedTask;
        }

        /// <inheritdoc />
        public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            Interlocked.Decrement(ref counter._open);
            return Task.CompletedTask;
        }
    }
}
