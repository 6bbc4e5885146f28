using System.Diagnostics;
using System.Net.Sockets;

namespace GenreBlazor.Testing.Services;

/// <summary>
/// A real Redis server for one test class: Debian's <c>redis-server</c> on a free port of 127.0.0.1, nothing saved to
/// disk, killed at dispose. A missing binary fails the test with the install command.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;
    private int _disposed;

    private RedisServer(Process process, int port, string folder)
    {
        _process = process;
        Port = port;
        _folder = folder;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string.</summary>
    public string Configuration => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        const string program = "/usr/bin/redis-server";
        if (!File.Exists(program))
        {
            throw new InvalidOperationException("redis-server is not installed: apt-get install -y redis-server (.ci/run does this).");
        }
        var folder = Directory.CreateTempSubdirectory("genreblazor-redis-").FullName;
        var port = LocalProcess.FreePort();
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no", "--dir", folder, "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port, folder);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server did not accept connections on port {port}: {e.Message}", e);
            }
        }
    }

    /// <summary>Kills the server and deletes its folder (a test may do it early, to see Redis go away; the second call does nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
