using System.Runtime.CompilerServices;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>Keeps the AWS SDK's credential chain inside this machine for the whole test run.</summary>
internal static class TestEnvironment
{
    /// <summary>Access key the fake server and the tests share (AWS's documentation example).</summary>
    public const string AccessKeyId = GenreBlazor.Testing.Bedrock.FakeAwsKeys.AccessKeyId;

    /// <summary>Secret key the fake server verifies signatures with (AWS's documentation example).</summary>
    public const string SecretAccessKey = GenreBlazor.Testing.Bedrock.FakeAwsKeys.SecretAccessKey;

    [ModuleInitializer]
    internal static void Initialize()
    {
        // Without this the chain's last step asks the EC2 instance-metadata address, which tests must never contact.
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        var nowhere = Path.Combine(Path.GetTempPath(), "genreblazor-bedrock-tests-no-aws-files");
        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(nowhere, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(nowhere, "config"));
        foreach (var name in new[]
                 {
                     "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                     "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
                     "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                 })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
