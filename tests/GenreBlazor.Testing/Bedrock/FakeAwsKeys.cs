namespace GenreBlazor.Testing.Bedrock;

/// <summary>The key pair the fake Bedrock server accepts (AWS's documentation example; it opens nothing real).</summary>
public static class FakeAwsKeys
{
    /// <summary>Access key id the fake server and the tests share.</summary>
    public const string AccessKeyId = "AKIDEXAMPLE";

    /// <summary>Secret key the fake server verifies signatures with.</summary>
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
}
