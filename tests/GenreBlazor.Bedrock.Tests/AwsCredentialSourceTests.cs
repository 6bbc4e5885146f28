using Amazon.Runtime;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>These tests change process environment variables, so they run alone.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>The SDK's default chain as the client uses it (instance metadata is switched off by <see cref="TestEnvironment"/>).</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class AwsCredentialSourceTests
{
    [Fact]
    public async Task The_default_chain_reads_keys_and_session_token_from_the_environment()
    {
        using var variables = new EnvironmentVariables(
            ("AWS_ACCESS_KEY_ID", "AKIDFROMENVIRONMENT"),
            ("AWS_SECRET_ACCESS_KEY", "secret-from-environment"),
            ("AWS_SESSION_TOKEN", "token-from-environment"));
        using var source = new AwsCredentialSource();

        var credentials = await source.GetSigningCredentialsAsync(CancellationToken.None);

        Assert.Equal("AKIDFROMENVIRONMENT", credentials.AccessKeyId);
        Assert.Equal("secret-from-environment", credentials.SecretAccessKey);
        Assert.Equal("token-from-environment", credentials.SessionToken);
    }

    [Fact]
    public async Task With_nothing_configured_the_default_chain_fails_with_missing_credentials()
    {
        using var variables = new EnvironmentVariables(
            ("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null));
        using var source = new AwsCredentialSource();

        var error = await Assert.ThrowsAsync<BedrockException>(() => source.GetSigningCredentialsAsync(CancellationToken.None));

        Assert.Equal(BedrockErrorTypes.MissingCredentials, error.ErrorType);
        Assert.Contains("AWS_ACCESS_KEY_ID", error.Message, StringComparison.Ordinal);
        Assert.IsType<AmazonClientException>(error.InnerException, exactMatch: false);
    }

    [Fact]
    public async Task A_failed_search_is_repeated_once_credentials_appear()
    {
        using var source = new AwsCredentialSource();
        using (new EnvironmentVariables(("AWS_ACCESS_KEY_ID", null), ("AWS_SECRET_ACCESS_KEY", null), ("AWS_SESSION_TOKEN", null)))
        {
            await Assert.ThrowsAsync<BedrockException>(() => source.GetSigningCredentialsAsync(CancellationToken.None));
        }

        using var variables = new EnvironmentVariables(
            ("AWS_ACCESS_KEY_ID", "AKIDLATER"), ("AWS_SECRET_ACCESS_KEY", "secret-later"), ("AWS_SESSION_TOKEN", null));
        var credentials = await source.GetSigningCredentialsAsync(CancellationToken.None);

        Assert.Equal("AKIDLATER", credentials.AccessKeyId);
        Assert.Null(credentials.SessionToken);
    }

    [Fact]
    public async Task Refreshing_credentials_are_renewed_by_the_sdk_between_calls()
    {
        using var rotating = new RotatingCredentials();
        using var source = new AwsCredentialSource(rotating);

        var first = await source.GetSigningCredentialsAsync(CancellationToken.None);
        rotating.Expire();
        var second = await source.GetSigningCredentialsAsync(CancellationToken.None);

        Assert.Equal("AKIDROTATION1", first.AccessKeyId);
        Assert.Equal("AKIDROTATION2", second.AccessKeyId);
        Assert.Equal("token-2", second.SessionToken);
    }

    [Fact]
    public async Task Empty_keys_count_as_missing_credentials()
    {
        using var source = new AwsCredentialSource(new EmptyCredentials());

        var error = await Assert.ThrowsAsync<BedrockException>(() => source.GetSigningCredentialsAsync(CancellationToken.None));

        Assert.Equal(BedrockErrorTypes.MissingCredentials, error.ErrorType);
    }

    /// <summary>Temporary credentials that the SDK's refreshing base class renews once told they expired.</summary>
    private sealed class RotatingCredentials : RefreshingAWSCredentials
    {
        private int _generation;

        public void Expire() => ClearCredentials();

        protected override CredentialsRefreshState GenerateNewCredentials()
        {
            var n = Interlocked.Increment(ref _generation);
            return new CredentialsRefreshState(
                new ImmutableCredentials($"AKIDROTATION{n}", $"secret-{n}", $"token-{n}"),
                DateTime.UtcNow.AddHours(1));
        }
    }

    private sealed class EmptyCredentials : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => new("", "", null);
    }

    /// <summary>Sets variables for one test and puts the old values back.</summary>
    private sealed class EnvironmentVariables : IDisposable
    {
        private readonly List<(string Name, string? Old)> _saved = [];

        public EnvironmentVariables(params (string Name, string? Value)[] variables)
        {
            foreach (var (name, value) in variables)
            {
                _saved.Add((name, Environment.GetEnvironmentVariable(name)));
                Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, old) in _saved)
            {
                Environment.SetEnvironmentVariable(name, old);
            }
        }
    }
}
