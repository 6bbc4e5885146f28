using System.Text;
using GenreBlazor.Bedrock.Signing;

namespace GenreBlazor.Bedrock.Tests;

/// <summary>
/// Cases of AWS's published SigV4 test suite (aws-sig-v4-test-suite, 2015-08-30T12:36:00Z, region us-east-1,
/// service "service", key AKIDEXAMPLE); the expected headers are AWS's own, not computed here.
/// </summary>
public sealed class SigV4SignerTests
{
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly SigningCredentials SuiteKeys = new(TestEnvironment.AccessKeyId, TestEnvironment.SecretAccessKey);
    private static readonly SigV4Signer SuiteSigner = new("us-east-1", "service");

    private const string SuiteSessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    [Fact]
    public void Get_vanilla_matches_the_published_authorization_header()
    {
        var signature = SuiteSigner.Sign(Request("GET", "https://example.amazonaws.com/"), SuiteKeys, SuiteTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            signature.Authorization);
        Assert.Equal("20150830T123600Z", signature.AmzDate);
        Assert.Null(signature.SecurityToken);
    }

    [Fact]
    public void Post_vanilla_matches_the_published_signature()
    {
        var signature = SuiteSigner.Sign(Request("POST", "https://example.amazonaws.com/"), SuiteKeys, SuiteTime);

        Assert.Equal("5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b", signature.Signature);
    }

    [Fact]
    public void Get_vanilla_query_order_key_case_sorts_parameters()
    {
        var signature = SuiteSigner.Sign(
            Request("GET", "https://example.amazonaws.com/?Param2=value2&Param1=value1"), SuiteKeys, SuiteTime);

        Assert.Equal("b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", signature.Signature);
        Assert.Contains("\nParam1=value1&Param2=value2\n", signature.CanonicalRequest, StringComparison.Ordinal);
    }

    [Fact]
    public void Post_x_www_form_urlencoded_matches_canonical_request_string_to_sign_and_header()
    {
        var request = Request("POST", "https://example.amazonaws.com/", "Param1=value1",
            ("Content-Type", "application/x-www-form-urlencoded"));

        var signature = SuiteSigner.Sign(request, SuiteKeys, SuiteTime);

        Assert.Equal(
            "POST\n/\n\ncontent-type:application/x-www-form-urlencoded\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n" +
            "content-type;host;x-amz-date\n9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e",
            signature.CanonicalRequest);
        Assert.Equal(
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n42a5e5bb34198acb3e84da4f085bb7927f2bc277ca766e6d19c73c2154021281",
            signature.StringToSign);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
            signature.Authorization);
    }

    [Fact]
    public void Post_sts_header_before_signs_the_session_token()
    {
        var signature = SuiteSigner.Sign(
            Request("POST", "https://example.amazonaws.com/"),
            SuiteKeys with { SessionToken = SuiteSessionToken },
            SuiteTime);

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead",
            signature.Authorization);
        Assert.Equal(SuiteSessionToken, signature.SecurityToken);
    }

    [Fact]
    public void Signing_key_matches_the_documented_iam_example()
    {
        var key = SigV4Signer.DeriveSigningKey(TestEnvironment.SecretAccessKey, "20150830", "us-east-1", "iam");

        Assert.Equal("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9", Convert.ToHexStringLower(key));
    }

    [Theory]
    // The colon of a model version goes on the wire as %3A and is signed as %253A, as Bedrock verifies it.
    [InlineData("https://bedrock-runtime.us-east-1.amazonaws.com/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse",
        "/model/anthropic.claude-3-haiku-20240307-v1%253A0/converse")]
    [InlineData("https://bedrock-runtime.us-east-1.amazonaws.com/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.amazon.nova-lite-v1%3A0/converse",
        "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.amazon.nova-lite-v1%253A0/converse")]
    [InlineData("https://example.amazonaws.com", "/")]
    public void Canonical_uri_encodes_the_wire_path_once_more(string address, string expected)
    {
        Assert.Equal(expected, SigV4Signer.CanonicalUri(new Uri(address)));
    }

    [Fact]
    public void Header_values_are_trimmed_and_inner_spaces_collapsed()
    {
        var signature = SuiteSigner.Sign(
            Request("GET", "https://example.amazonaws.com/", "", ("My-Header1", "  a   b  ")), SuiteKeys, SuiteTime);

        Assert.Contains("\nmy-header1:a b\n", signature.CanonicalRequest, StringComparison.Ordinal);
        Assert.Equal("host;my-header1;x-amz-date", signature.SignedHeaders);
    }

    private static SigV4Request Request(string method, string address, string body = "", params (string Name, string Value)[] headers) =>
        new(method, new Uri(address), headers.Select(h => KeyValuePair.Create(h.Name, h.Value)).ToList(), Encoding.UTF8.GetBytes(body));
}
