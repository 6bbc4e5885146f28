using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GenreBlazor.Testing.Bedrock;

/// <summary>What the fake server concluded about a request's SigV4 signature.</summary>
public sealed record SignatureVerdict(bool IsValid, string? Problem, string? AccessKeyId, string? SignedHeaders);

/// <summary>
/// Server-side SigV4 check, written apart from the client's signer (it starts from the raw request target and
/// Uri.EscapeDataString) so that a broken signer cannot agree with itself.
/// </summary>
public static partial class SigV4Verifier
{
    [GeneratedRegex(@"^AWS4-HMAC-SHA256 Credential=(?<akid>[A-Z0-9]+)/(?<date>\d{8})/(?<region>[a-z0-9-]+)/(?<service>[a-z0-9-]+)/aws4_request, ?SignedHeaders=(?<signed>[a-z0-9;-]+), ?Signature=(?<signature>[0-9a-f]{64})$")]
    private static partial Regex AuthorizationShape();

    [GeneratedRegex(@"^\d{8}T\d{6}Z$")]
    private static partial Regex AmzDateShape();

    public static SignatureVerdict Verify(
        string method,
        string rawTarget,
        IReadOnlyDictionary<string, string> headers,
        byte[] body,
        IReadOnlyDictionary<string, string> secrets,
        string region,
        string service)
    {
        if (!headers.TryGetValue("authorization", out var authorization))
        {
            return Invalid("no Authorization header");
        }
        var match = AuthorizationShape().Match(authorization);
        if (!match.Success)
        {
            return Invalid($"Authorization has the wrong shape: {authorization}");
        }

        var accessKeyId = match.Groups["akid"].Value;
        var signedHeaders = match.Groups["signed"].Value;
        var names = signedHeaders.Split(';');
        if (!headers.TryGetValue("x-amz-date", out var amzDate) || !AmzDateShape().IsMatch(amzDate))
        {
            return Invalid("X-Amz-Date missing or malformed", accessKeyId, signedHeaders);
        }
        if (match.Groups["date"].Value != amzDate[..8] || match.Groups["region"].Value != region || match.Groups["service"].Value != service)
        {
            return Invalid($"credential scope {match.Groups["date"]}/{match.Groups["region"]}/{match.Groups["service"]} does not fit", accessKeyId, signedHeaders);
        }
        if (!names.SequenceEqual(names.Order(StringComparer.Ordinal)) || !names.Contains("host") || !names.Contains("x-amz-date"))
        {
            return Invalid("SignedHeaders must be sorted and include host and x-amz-date", accessKeyId, signedHeaders);
        }
        if (headers.ContainsKey("x-amz-security-token") && !names.Contains("x-amz-security-token"))
        {
            return Invalid("X-Amz-Security-Token sent but not signed", accessKeyId, signedHeaders);
        }
        if (!secrets.TryGetValue(accessKeyId, out var secret))
        {
            return Invalid($"unknown access key {accessKeyId}", accessKeyId, signedHeaders);
        }

        var canonical = new StringBuilder();
        canonical.Append(method).Append('\n');
        var path = rawTarget.Split('?', 2)[0];
        canonical.Append(string.Join("/", path.Split('/').Select(Uri.EscapeDataString))).Append('\n');
        canonical.Append(rawTarget.Contains('?', StringComparison.Ordinal) ? "UNSUPPORTED-QUERY" : "").Append('\n');
        foreach (var name in names)
        {
            if (!headers.TryGetValue(name, out var value))
            {
                return Invalid($"signed header {name} was not sent", accessKeyId, signedHeaders);
            }
            canonical.Append(name).Append(':').Append(Regex.Replace(value.Trim(), " +", " ")).Append('\n');
        }
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Hex(SHA256.HashData(body)));

        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{amzDate[..8]}/{region}/{service}/aws4_request\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { amzDate[..8], region, service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        var expected = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        return expected == match.Groups["signature"].Value
            ? new SignatureVerdict(true, null, accessKeyId, signedHeaders)
            : Invalid($"signature mismatch; server's canonical request was:\n{canonical}", accessKeyId, signedHeaders);
    }

    private static SignatureVerdict Invalid(string problem, string? accessKeyId = null, string? signedHeaders = null) =>
        new(false, problem, accessKeyId, signedHeaders);

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
