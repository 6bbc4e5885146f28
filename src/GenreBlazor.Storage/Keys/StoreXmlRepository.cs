using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace GenreBlazor.Storage.Keys;

/// <summary>
/// ASP.NET Core Data Protection's key ring in the store, so a cookie or protected browser storage written by one replica
/// is read by every other. Keys are only ever added (Data Protection revokes by adding a revocation element). The
/// interface is synchronous; the key manager calls it when it refreshes the ring (at first use, then about once a day),
/// never per request, so waiting on the store here holds no request up. ASP.NET Core has no synchronisation context,
/// so the wait cannot deadlock.
/// </summary>
public sealed class StoreXmlRepository(AppStore store) : IXmlRepository
{
    /// <summary>The table.</summary>
    public static StoreSchema Schema { get; } = new("data-protection-keys", _ =>
    [
        "CREATE TABLE data_protection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL, stored TEXT NOT NULL)",
    ]);

    /// <inheritdoc />
    public IReadOnlyCollection<XElement> GetAllElements() =>
        store.QueryAsync("SELECT xml FROM data_protection_keys ORDER BY stored, name", r => XElement.Parse(r.GetString(0)), CancellationToken.None)
            .GetAwaiter().GetResult();

    /// <inheritdoc />
    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Two replicas creating the first key at once each store their own under its own id; both stay valid.
        var name = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString("N") : friendlyName;
        store.ExecuteAsync("INSERT INTO data_protection_keys (name, xml, stored) VALUES (@name, @xml, @stored) ON CONFLICT (name) DO NOTHING",
                CancellationToken.None, ("name", name), ("xml", element.ToString(SaveOptions.DisableFormatting)), ("stored", StoreTime.Format(DateTimeOffset.UtcNow)))
            .GetAwaiter().GetResult();
    }
}
