using GenreBlazor.Core.Operators;

namespace GenreBlazor.Core.Tests.Operators;

public sealed class OperatorSecretsTests
{
    [Fact]
    public void A_key_matches_its_hash_only()
    {
        var key = OperatorSecrets.NewKey();
        var hash = OperatorSecrets.HashKey(key);
        Assert.Matches("^sha256:[0-9a-f]{64}$", hash);
        Assert.True(OperatorSecrets.KeyMatches(key, hash));
        Assert.True(OperatorSecrets.KeyMatches(key, "  " + hash.ToUpperInvariant().Replace("SHA256:", "sha256:") + " "));
        Assert.False(OperatorSecrets.KeyMatches(key + "x", hash));
        Assert.False(OperatorSecrets.KeyMatches(key, key));
        Assert.False(OperatorSecrets.KeyMatches("", hash));
        Assert.NotEqual(key, OperatorSecrets.NewKey());
    }

    [Fact]
    public void A_password_hash_is_salted_and_checks_only_its_password()
    {
        var first = OperatorSecrets.HashPassword("correct horse battery", iterations: 20_000);
        var second = OperatorSecrets.HashPassword("correct horse battery", iterations: 20_000);
        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$20000$", first);
        Assert.True(OperatorSecrets.PasswordMatches("correct horse battery", first));
        Assert.False(OperatorSecrets.PasswordMatches("correct horse batterY", first));
        Assert.False(OperatorSecrets.PasswordMatches("correct horse battery", "pbkdf2-sha256$100$AAAA$AAAA"));
        Assert.False(OperatorSecrets.PasswordMatches("correct horse battery", "not a hash"));
        Assert.False(OperatorSecrets.PasswordMatches("correct horse battery", "pbkdf2-sha256$20000$!!$!!"));
    }
}
