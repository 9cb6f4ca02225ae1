using Npgsql;
using Platform.Contracts.Events;

namespace Platform.TestKit;

/// <summary>
/// Fills a host's registry copy the way production fills it: governance's events, published on the real broker
/// (<see cref="BrokerPublishing"/>); each call returns once the host holds what it published.
/// </summary>
public static class RegistrySeeding
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A community (named after its id) in the host's registry copy.</summary>
    public static async Task<Guid> SeedCommunityAsync(this IServiceHost host, Guid? propertyCompanyId = null, int starLevel = 3,
        bool old = false, Guid? townshipId = null)
    {
        var id = Guid.NewGuid();
        var registered = new CommunityRegistered(
            id, $"小区{id.ToString()[..6]}", townshipId ?? Guid.NewGuid(), propertyCompanyId, starLevel, old, DateTimeOffset.UtcNow);
        await host.PublishAsync(registered);
        await Eventually.Until(async () => await Sql.CountAsync(Unpooled(host), "registry_communities", $"id = '{id}'") == 1,
            Patience, $"the community in {host.ServiceName}'s registry copy");
        return id;
    }

    /// <summary>A unit of the community owned by <paramref name="ownerId"/> since 2020; returns its id once the host knows its owner.</summary>
    public static async Task<Guid> SeedUnitAsync(this IServiceHost host, Guid communityId, Guid ownerId, decimal area = 90m,
        UnitUse use = UnitUse.Residential, bool developer = false, Guid? buildingId = null)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await host.PublishAsync(new UnitRegistered(
            id, communityId, buildingId ?? Guid.NewGuid(), "1", $"1-{id.ToString()[..4]}", area, use, AreaSource.Register, now));
        await host.PublishAsync(new OwnershipTransferred(id, communityId, null, ownerId, developer, new DateOnly(2020, 1, 1), now));
        await Eventually.Until(
            async () => await Sql.CountAsync(Unpooled(host), "registry_unit_owners", $"unit_id = '{id}' AND owner_id = '{ownerId}'") == 1,
            Patience, $"the unit and its owner in {host.ServiceName}'s registry copy");
        return id;
    }

    // Seeding leaves no pooled connection behind in the test process: a fault test that terminates connections must not meet one.
    private static string Unpooled(IServiceHost host) =>
        new NpgsqlConnectionStringBuilder(host.DatabaseConnectionString) { Pooling = false }.ConnectionString;
}
