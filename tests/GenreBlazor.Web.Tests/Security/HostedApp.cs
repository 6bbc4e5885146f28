using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Web.Tests.Security;

/// <summary>
/// The app on a real Kestrel socket on 127.0.0.1 (so remote addresses, chunked bodies and raw bytes are the network's),
/// with a store of its own and the given settings.
/// </summary>
public class HostedApp : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public HostedApp(IReadOnlyDictionary<string, string?>? settings = null)
    {
        this.settings = settings ?? new Dictionary<string, string?>();
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("sec-hosted-app-").FullName;

    /// <summary>The server's address, e.g. http://127.0.0.1:41234.</summary>
    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder
            .UseSetting("Store:ConnectionString", Path.Combine(Folder, "store.db"))
            .UseSetting("Profiles:Directory", Path.Combine(Folder, "profiles"));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client whose connections come from <paramref name="localAddress"/> (any of 127.0.0.0/8 on Linux).</summary>
    public HttpClient ClientFrom(string localAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = Address };

    /// <summary>Sends raw bytes on a new connection and returns everything the server answers until it closes.</summary>
    public async Task<RawResponse> SendRawAsync(byte[] request, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(Address.Host, Address.Port, cancellationToken);
        var stream = client.GetStream();
        // No half-close after the request: Kestrel takes a client's FIN for a client that went away.
        await stream.WriteAsync(request, cancellationToken);
        using var answer = new MemoryStream();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await stream.CopyToAsync(answer, timeout.Token);
        return RawResponse.Parse(answer.ToArray());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Directory.Delete(Folder, recursive: true);
    }
}

/// <summary>An HTTP/1.1 response read off a socket.</summary>
public sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("content-type", out var type) ? type.Split(';')[0].Trim() : null;

    public static RawResponse Parse(byte[] bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new InvalidOperationException($"Not an HTTP response: '{text[..Math.Min(200, text.Length)]}'");
        }
        var lines = text[..split].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => g.First()[1].Trim());
        return new RawResponse(status, headers, text[(split + 4)..]);
    }
}
