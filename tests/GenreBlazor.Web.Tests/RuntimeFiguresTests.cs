using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GenreBlazor.Web.Extensions;

namespace GenreBlazor.Web.Tests;

public sealed class RuntimeFiguresTests(OperatorAccessTests.OperatorApp app) : IClassFixture<OperatorAccessTests.OperatorApp>
{
    [Fact]
    public async Task Only_an_operator_reads_the_replicas_circuits_and_memory_and_a_full_collection_is_on_request()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/operator/runtime?collect=true")).StatusCode);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorAccessTests.Key);
        var plain = await client.GetFromJsonAsync<RuntimeFigures>("/api/operator/runtime");
        var collected = await client.GetFromJsonAsync<RuntimeFigures>("/api/operator/runtime?collect=true");

        Assert.False(plain!.Collected);
        Assert.True(collected!.Collected);
        Assert.Equal((0, 0), (collected.Circuits, collected.ConnectedCircuits)); // no browser: no circuit
        Assert.InRange(collected.ManagedHeapBytes, 1, collected.ResidentBytes); // the loaded model is on the heap, inside the resident set
    }
}
