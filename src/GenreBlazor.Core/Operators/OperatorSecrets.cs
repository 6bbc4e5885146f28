using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GenreBlazor.Core.Operators;

/// <summary>
/// The secrets that let an operator make server-wide changes, and the forms configuration keeps them in: an API key is
/// kept as its SHA-256 (a key is 32 random bytes, so a fast hash is enough), a password as PBKDF2-SHA256 with a salt and
/// many iterations (a password may be weak, so guessing must be slow). Configuration never holds a secret itself.
/// </summary>
public static class OperatorSecrets
{
    private const string KeyPrefix = "sha256:";
    private const string PasswordPrefix = "pbkdf2-sha256";

    /// <summary>Iterations for new password hashes (OWASP's 2023 advice for PBKDF2-HMAC-SHA256).</summary>
    public const int PasswordIterations = 600_000;

    /// <summary>A new random API key (256 bits, URL-safe).</summary>
    public static string NewKey() => "gbo_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The stored form of an API key: <c>sha256:</c> and 64 hex digits.</summary>
    public static string HashKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    /// <summary>Whether <paramref name="key"/> is the key <paramref name="stored"/> was made from (in time independent of where they differ).</summary>
    public static bool KeyMatches(string key, string stored)
    {
        var normalised = stored?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(key) || normalised is null || !normalised.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashKey(key)), Encoding.ASCII.GetBytes(normalised));
    }

    /// <summary>The stored form of a password: <c>pbkdf2-sha256$iterations$salt$hash</c> (base64).</summary>
    public static string HashPassword(string password, int iterations = PasswordIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(16);
        var hash = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, 32);
        return string.Create(CultureInfo.InvariantCulture, $"{PasswordPrefix}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> is the one <paramref name="stored"/> was made from; false for a malformed hash.</summary>
    public static bool PasswordMatches(string password, string stored)
    {
        if (string.IsNullOrEmpty(password) || string.IsNullOrEmpty(stored))
        {
            return false;
        }
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != PasswordPrefix
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 10_000)
        {
            return false;
        }
        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
