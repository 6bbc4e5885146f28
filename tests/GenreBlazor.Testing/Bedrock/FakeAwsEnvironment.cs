namespace GenreBlazor.Testing.Bedrock;

/// <summary>
/// Points AWS's default credential chain at the fake keys through the environment, and nowhere else: no shared files,
/// no profile, no instance-metadata service. Call it from a module initializer; apps started as child processes
/// inherit it (see <see cref="Variables"/>).
/// </summary>
public static class FakeAwsEnvironment
{
    /// <summary>The variables set, for passing to a child process.</summary>
    public static IReadOnlyDictionary<string, string> Variables { get; } = new Dictionary<string, string>
    {
        ["AWS_ACCESS_KEY_ID"] = FakeAwsKeys.AccessKeyId,
        ["AWS_SECRET_ACCESS_KEY"] = FakeAwsKeys.SecretAccessKey,
        ["AWS_EC2_METADATA_DISABLED"] = "true",
        ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Path.GetTempPath(), "genreblazor-tests-no-aws-files", "credentials"),
        ["AWS_CONFIG_FILE"] = Path.Combine(Path.GetTempPath(), "genreblazor-tests-no-aws-files", "config"),
    };

    /// <summary>Sets the variables in this process and clears the ones that would point elsewhere.</summary>
    public static void Apply()
    {
        foreach (var name in new[] { "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN",
                     "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI" })
        {
            Environment.SetEnvironmentVariable(name, null);
        }
        foreach (var (name, value) in Variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
