using GenreBlazor.Storage.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace GenreBlazor.Storage.Tests;

public sealed class StoreXmlRepositoryTests(Stores stores) : IClassFixture<Stores>
{
    public static TheoryData<StoreProvider> Providers => [StoreProvider.Sqlite, StoreProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task What_one_replica_protects_another_unprotects_and_a_third_with_its_own_keys_cannot(StoreProvider provider)
    {
        var options = await stores.OptionsAsync(provider);
        await using var one = AppStore.Open(options, Path.GetTempPath());
        await using var other = AppStore.Open(options, Path.GetTempPath());
        await one.MigrateAsync([StoreXmlRepository.Schema]);
        await using var stranger = await stores.OpenAsync(provider, StoreXmlRepository.Schema);

        var secret = Protector(one).Protect("operator signed in");

        Assert.Equal("operator signed in", Protector(other).Unprotect(secret));
        Assert.Single(new StoreXmlRepository(other).GetAllElements());
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => Protector(stranger).Unprotect(secret));
    }

    // A replica's Data Protection as the app configures it: the same application name, the key ring in the store.
    private static IDataProtector Protector(AppStore store)
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("GenreBlazor");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new StoreXmlRepository(store));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("tests");
    }
}
