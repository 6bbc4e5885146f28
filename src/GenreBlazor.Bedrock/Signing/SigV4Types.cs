namespace GenreBlazor.Bedrock.Signing;

/// <summary>The key pair (and session token of temporary credentials) a request is signed with.</summary>
/// <param name="AccessKeyId">Access key id, written into the credential scope.</param>
/// <param name="SecretAccessKey">Secret key; only the derived signing key leaves the signer.</param>
/// <param name="SessionToken">Token of temporary credentials; sent and signed as <c>X-Amz-Security-Token</c>.</param>
public sealed record SigningCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken = null)
{
    /// <summary>Keeps the secret and the token out of logs.</summary>
    public override string ToString() => $"SigningCredentials {{ AccessKeyId = {AccessKeyId}, HasSessionToken = {SessionToken is not null} }}";
}

/// <summary>The parts of an HTTP request that SigV4 covers.</summary>
/// <param name="Method">HTTP method, upper case.</param>
/// <param name="Uri">Absolute address, already percent-encoded as it goes on the wire.</param>
/// <param name="Headers">Headers to sign besides <c>host</c>, <c>x-amz-date</c> and <c>x-amz-security-token</c>, which the signer adds.</param>
/// <param name="Payload">The exact body bytes that will be sent.</param>
public sealed record SigV4Request(
    string Method,
    Uri Uri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Payload);

/// <summary>A computed signature and the headers to send with it.</summary>
/// <param name="Authorization">Value of the <c>Authorization</c> header.</param>
/// <param name="AmzDate">Value of the <c>X-Amz-Date</c> header (<c>yyyyMMddTHHmmssZ</c>).</param>
/// <param name="SecurityToken">Value of the <c>X-Amz-Security-Token</c> header, or null without a session token.</param>
/// <param name="SignedHeaders">Lower-case names of the signed headers, <c>;</c>-separated.</param>
/// <param name="Signature">The 64-hex-digit signature.</param>
/// <param name="CanonicalRequest">Step 1 of SigV4, kept for diagnosing signature mismatches.</param>
/// <param name="StringToSign">Step 2 of SigV4, kept for diagnosing signature mismatches.</param>
public sealed record SigV4Signature(
    string Authorization,
    string AmzDate,
    string? SecurityToken,
    string SignedHeaders,
    string Signature,
    string CanonicalRequest,
    string StringToSign);
