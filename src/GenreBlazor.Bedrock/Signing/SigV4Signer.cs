using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GenreBlazor.Bedrock.Signing;

/// <summary>
/// AWS Signature Version 4 for one region and service, as in AWS's "Create a signed AWS API request":
/// canonical request → string to sign → HMAC-SHA256 key chain → <c>Authorization</c> header.
/// Paths are encoded once more on top of their wire encoding, as every service but S3 expects.
/// </summary>
/// <param name="region">Region of the credential scope, e.g. <c>us-east-1</c>.</param>
/// <param name="service">Signing name of the service, e.g. <c>bedrock</c>.</param>
public sealed class SigV4Signer(string region, string service)
{
    /// <summary>The only algorithm this signer produces.</summary>
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public SigV4Signature Sign(SigV4Request request, SigningCredentials credentials, DateTimeOffset timestamp)
    {
        var amzDate = timestamp.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var scope = $"{amzDate[..8]}/{region}/{service}/aws4_request";

        var headers = CanonicalHeaderSet(request, amzDate, credentials.SessionToken);
        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = string.Join('\n',
            request.Method.ToUpperInvariant(),
            CanonicalUri(request.Uri),
            CanonicalQuery(request.Uri),
            string.Concat(headers.Select(h => $"{h.Key}:{h.Value}\n")),
            signedHeaders,
            HexSha256(request.Payload.Span));
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

        var key = DeriveSigningKey(credentials.SecretAccessKey, amzDate[..8], region, service);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var authorization = $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}";
        return new SigV4Signature(authorization, amzDate, credentials.SessionToken, signedHeaders, signature, canonicalRequest, stringToSign);
    }

    /// <summary>The signing key: HMAC chain of date, region, service and <c>aws4_request</c>, seeded with <c>"AWS4" + secret</c>.</summary>
    public static byte[] DeriveSigningKey(string secretAccessKey, string yyyymmdd, string region, string service)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secretAccessKey);
        foreach (var part in new[] { yyyymmdd, region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return key;
    }

    /// <summary>The path encoded once more per segment (so <c>%3A</c> on the wire signs as <c>%253A</c>); <c>/</c> when empty.</summary>
    public static string CanonicalUri(Uri uri)
    {
        var path = uri.AbsolutePath;
        return path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(UriEncode));
    }

    /// <summary>Query parameters decoded, re-encoded with AWS's rules and sorted by name, then value.</summary>
    public static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return "";
        }

        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                var value = equals < 0 ? "" : pair[(equals + 1)..];
                return (Name: UriEncode(Uri.UnescapeDataString(name)), Value: UriEncode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }

    /// <summary>Percent-encodes every UTF-8 byte except the unreserved <c>A-Z a-z 0-9 - _ . ~</c>, hex digits upper case.</summary>
    public static string UriEncode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    private static SortedDictionary<string, string> CanonicalHeaderSet(SigV4Request request, string amzDate, string? sessionToken)
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Headers)
        {
            var key = name.Trim().ToLowerInvariant();
            var normalized = CollapseSpaces(value);
            // Repeated headers sign as one comma-joined line, in the order given.
            headers[key] = headers.TryGetValue(key, out var earlier) ? $"{earlier},{normalized}" : normalized;
        }

        headers.TryAdd("host", request.Uri.Authority);
        headers["x-amz-date"] = amzDate;
        if (sessionToken is not null)
        {
            headers["x-amz-security-token"] = sessionToken;
        }
        return headers;
    }

    private static string CollapseSpaces(string value) =>
        string.Join(' ', value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
