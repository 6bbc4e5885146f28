using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using GenreBlazor.Core.Genres;
using GenreBlazor.Tests;

namespace GenreBlazor.Web.Tests.Fuzz;

/// <summary>One generated request: over HttpClient, or (for framing the client would not send) as raw bytes.</summary>
public sealed record FuzzCase(string Kind, HttpMethod Method, string Path, Func<HttpContent?> Content, string? Key = null, byte[]? Raw = null);

/// <summary>
/// The fuzz suite's inputs, all from one seeded <see cref="Random"/>: the same seed gives the same requests. Each
/// generator aims at one way a public API is attacked or misused; none needs a network beyond the app's socket.
/// </summary>
public sealed class FuzzInputs(int seed, string operatorKey)
{
    private static readonly string[] Invisible = ["\u202E", "\u202D", "\u2066", "\u2069", "\u200B", "\u200D", "\uFEFF", "\u2060", "\U000E0041", "\U000E007F", "\u061C"];
    private static readonly string[] Names =
    [
        "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc", "a/b", "a\\b", "日本", "中国", "Café", "Cafe\u0301", "CAFÉ", "\u202Eevil",
        "con", "nul.txt", ".", "..", " lead", "trail ", "x".PadRight(61, 'x'), "emoji 🎬", "tab\tname", "new\nline", "\0null", "ok name", "active",
    ];

    private readonly Random random = new(seed);

    public T Next<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public IEnumerable<FuzzCase> Cases(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 20) switch
            {
                < 6 => JsonCase("/api/predict"),
                < 9 => JsonCase("/api/explain"),
                < 12 => ProfileCase(),
                < 15 => PosterCase(),
                < 17 => WrongMethodOrType(),
                _ => ChunkedCase(),
            };
        }
    }

    private FuzzCase JsonCase(string path)
    {
        var choice = random.Next(12);
        byte[] body = choice switch
        {
            0 => Bytes(random.Next(0, 2048)),
            1 => BrokenUtf8(),
            2 => Utf8($"{{\"plot\":\"{Escapes()}\"}}"),
            3 => Utf8("{\"plot\":" + Nested(random.Next(10, 5000)) + "}"),
            4 => Utf8("{\"plot\":\"" + new string('a', random.Next(200_000, 300_000)) + "\"}"),
            5 => Utf8($"{{\"plot\":{Next(["1", "null", "true", "[]", "{}", "1e400", "NaN", "-Infinity", "\"\"", "\"   \""])}}}"),
            6 => Utf8($"{{\"plot\":\"{Plot()}\",\"profile\":{Profile()}}}"),
            7 => Utf8($"{{\"plot\":\"{Plot()}\"}}"),
            8 => Encoding.Unicode.GetBytes($"{{\"plot\":\"{Plot()}\"}}"),
            9 => Utf8(Truncate($"{{\"plot\":\"{Plot()}\",\"profile\":{Profile()}}}")),
            10 => Utf8("[" + string.Join(",", Enumerable.Repeat("{\"plot\":\"x\"}", random.Next(1, 3000))) + "]"),
            _ => Utf8($"{{\"PLOT\":\"{Plot()}\",\"plot\":\"{Plot()}\",\"extra\":{Nested(random.Next(1, 60))}}}"),
        };
        return new FuzzCase(path, HttpMethod.Post, path, () => Json(body));
    }

    private FuzzCase ProfileCase()
    {
        var name = Uri.EscapeDataString(Next(Names));
        var key = random.Next(3) switch { 0 => null, 1 => operatorKey + "x", _ => operatorKey };
        return random.Next(5) switch
        {
            0 => new FuzzCase("profiles", HttpMethod.Get, $"/api/profiles/{name}?download={Next(["true", "false", "x"])}", () => null),
            1 => new FuzzCase("profiles", HttpMethod.Delete, $"/api/profiles/{name}", () => null, key),
            2 => new FuzzCase("profiles", HttpMethod.Post, $"/api/profiles/{name}/activate", () => null, key),
            3 => new FuzzCase("profiles", HttpMethod.Delete, "/api/profiles/active", () => null, key),
            _ => Put(name, key, random.Next(4) switch
            {
                0 => Bytes(random.Next(0, 4096)),
                1 => BrokenUtf8(),
                2 => Utf8(Nested(random.Next(10, 3000))),
                _ => Utf8(Profile()),
            }),
        };
    }

    private static FuzzCase Put(string name, string? key, byte[] body) =>
        new("profiles", HttpMethod.Put, $"/api/profiles/{name}", () => Json(body), key);

    private FuzzCase PosterCase()
    {
        if (random.Next(6) == 0)
        {
            return MultipartBomb();
        }
        var image = random.Next(9) switch
        {
            0 => TestImages.PngHeaderOnly(random.Next(1, int.MaxValue), random.Next(1, int.MaxValue)),
            1 => TestImages.PngHeaderOnly(100_000, 100_000),
            2 => Truncated(TestImages.Png(64, 96, (x, y) => ((byte)x, (byte)y, 7))),
            3 => [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0xFF, 0xFF, 0xFF, 0xFF, .. Bytes(random.Next(0, 200))],
            4 => [.. "GIF89a"u8, .. Bytes(random.Next(0, 200))],
            5 => Bytes(random.Next(0, 4096)),
            6 => Corrupt(TestImages.Png(40, 60, (x, y) => ((byte)(x * 5), 30, (byte)y))),
            7 => TestImages.BlackPng(random.Next(1, 2000), random.Next(1, 2000)),
            _ => TestImages.Png(24 + random.Next(40), 36 + random.Next(40), (x, y) => ((byte)(x * y), (byte)x, (byte)y)),
        };
        // Every choice is made now, from the seeded generator; the content is only built when the request is sent.
        var plot = random.Next(2) == 0 ? Plot() : null;
        var profile = random.Next(5) == 0 ? Profile() : null;
        var type = Next(["image/png", "image/jpeg", "application/octet-stream", "text/plain"]);
        var field = Next(["poster", "poster", "Poster", "file"]);
        var fileName = Next(["poster.png", "../../x.png", "日本.jpg", "a\u202Egnp.exe", "%00.png"]);
        return new FuzzCase("poster", HttpMethod.Post, "/api/predict", () =>
        {
            var form = new MultipartFormDataContent();
            if (plot is not null)
            {
                form.Add(new StringContent(plot), "plot");
            }
            if (profile is not null)
            {
                form.Add(new StringContent(profile), "profile");
            }
            var file = new ByteArrayContent(image);
            file.Headers.ContentType = new MediaTypeHeaderValue(type);
            form.Add(file, field, fileName);
            return form;
        });
    }

    private FuzzCase MultipartBomb()
    {
        var boundary = "b" + random.Next();
        var builder = new StringBuilder();
        switch (random.Next(4))
        {
            case 0:
                for (var i = 0; i < random.Next(100, 3000); i++)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\nv\r\n");
                }
                builder.Append(CultureInfo.InvariantCulture, $"--{boundary}--\r\n");
                break;
            case 1:
                builder.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\n");
                for (var i = 0; i < random.Next(20, 400); i++)
                {
                    builder.Append(CultureInfo.InvariantCulture, $"X-H{i}: {new string('h', 100)}\r\n");
                }
                builder.Append(CultureInfo.InvariantCulture, $"Content-Disposition: form-data; name=\"poster\"; filename=\"p.png\"\r\n\r\nxx\r\n--{boundary}--\r\n");
                break;
            case 2:
                builder.Append(CultureInfo.InvariantCulture, $"--{boundary}\r\nContent-Disposition: form-data; name=\"plot\"\r\n\r\n{new string('p', random.Next(1, 400_000))}");
                break;
            default:
                builder.Append(Encoding.Latin1.GetString(Bytes(random.Next(0, 3000))));
                break;
        }
        var body = Encoding.UTF8.GetBytes(builder.ToString());
        var type = random.Next(5) == 0 ? "multipart/form-data" : $"multipart/form-data; boundary={boundary}";
        return new FuzzCase("poster", HttpMethod.Post, "/api/predict", () =>
        {
            var content = new ByteArrayContent(body);
            content.Headers.TryAddWithoutValidation("Content-Type", type);
            return content;
        });
    }

    private FuzzCase WrongMethodOrType()
    {
        var path = Next(["/api/predict", "/api/explain", "/api/profiles", "/api/profiles/x", "/api/nothing", "/api/profiles/x/activate", "/api/operator", "/api/../api/predict"]);
        if (random.Next(2) == 0)
        {
            var method = Next<HttpMethod>([HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Head, HttpMethod.Options, new HttpMethod("PROPFIND")]);
            return new FuzzCase("method", method, path, () => method == HttpMethod.Get || method == HttpMethod.Head ? null : Json(Utf8("{\"plot\":\"x\"}")));
        }
        var type = Next(["text/plain", "application/xml", "", "application/json; charset=utf-16", "application/jsonx", "multipart/mixed", "application/x-www-form-urlencoded", "image/png"]);
        var body = Utf8($"{{\"plot\":\"{Plot()}\"}}");
        return new FuzzCase("content-type", HttpMethod.Post, Next(["/api/predict", "/api/explain"]), () =>
        {
            var content = new ByteArrayContent(body);
            if (type.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            return content;
        });
    }

    // Framing HttpClient would never send: broken chunk sizes, chunks longer than they say, extensions, overflow.
    private FuzzCase ChunkedCase()
    {
        var path = Next(["/api/predict", "/api/explain", "/api/profiles/chunked"]);
        var payload = Utf8($"{{\"plot\":\"{Plot()}\"}}");
        var head = $"{(path.StartsWith("/api/profiles", StringComparison.Ordinal) ? "PUT" : "POST")} {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" +
            $"Authorization: Bearer {operatorKey}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        var chunks = random.Next(6) switch
        {
            0 => $"{Next(["ZZ", "-1", "0x10", "1 2", "", "FFFFFFFFFFFFFFFFFFFF", "+5"])}\r\n",
            1 => $"{Math.Max(0, payload.Length - random.Next(1, 5)):X}\r\n",
            2 => $"{payload.Length:X};{new string('e', random.Next(1, 5000))}\r\n",
            3 => $"{payload.Length:X}\n",
            4 => $"{payload.Length:X}\r\n",
            _ => $"{payload.Length:X}\r\n",
        };
        var tail = random.Next(6) switch
        {
            4 => "\r\n0\r\n\r\n",
            5 => "XX0\r\n\r\n",
            _ => "\r\n0\r\n\r\n",
        };
        byte[] raw = [.. Encoding.ASCII.GetBytes(head + chunks), .. payload, .. Encoding.ASCII.GetBytes(tail)];
        return new FuzzCase("chunked", HttpMethod.Post, path, () => null, Raw: raw);
    }

    private string Plot()
    {
        var words = new[] { "a", "detective", "hunts", "ghost", "in", "space", "love", "war", "héros", "東京", "🎬", "\\\"", "\\n", "\\u00e9" };
        var builder = new StringBuilder();
        for (var i = random.Next(1, 60); i > 0; i--)
        {
            builder.Append(random.Next(8) == 0 ? Next(Invisible) : Next(words)).Append(' ');
        }
        return builder.ToString();
    }

    private string Profile()
    {
        string Value() => Next(["NaN", "Infinity", "-Infinity", "\"NaN\"", "-0.5", "1.5", "1e39", "0.5", "0", "1", "null", "\"x\"", "[]"]);
        var genres = GenreCatalog.All.Where(_ => random.Next(10) > 0).Select(g => $"\"{g}\":{(random.Next(3) == 0 ? Value() : (random.NextDouble()).ToString("0.###", CultureInfo.InvariantCulture))}");
        var model = Next(["text", "poster", "fused", "TEXT", "other", ""]);
        var name = Next(Names).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("\0", "\\u0000", StringComparison.Ordinal);
        return random.Next(8) == 0
            ? $"{{\"name\":\"p\",\"thresholds\":{{{string.Join(",", genres)}}}}}"
            : $"{{\"name\":\"{name}\",\"models\":{{\"{model}\":{{{string.Join(",", genres)}}}}}}}";
    }

    private string Escapes() => string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => Next(["\\ud800", "\\udc00", "\\ud83c\\udfac", "\\u0000", "\\uFFFF", "\\x41", "\\", "\\u12", "a", "\\ud800\\ud800"])));

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    private byte[] BrokenUtf8()
    {
        byte[] bad = Next<byte[]>([[0xC3, 0x28], [0xA0, 0xA1], [0xE2, 0x28, 0xA1], [0xF0, 0x28, 0x8C, 0x28], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]);
        return [.. "{\"plot\":\"A hero "u8, .. bad, .. " rises\"}"u8];
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private string Truncate(string text) => text[..random.Next(0, text.Length)];

    private byte[] Truncated(byte[] bytes) => bytes[..random.Next(0, bytes.Length)];

    private byte[] Corrupt(byte[] bytes)
    {
        var copy = bytes.ToArray();
        for (var i = random.Next(1, 20); i > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }
        return copy;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static ByteArrayContent Json(byte[] body) => new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
}
