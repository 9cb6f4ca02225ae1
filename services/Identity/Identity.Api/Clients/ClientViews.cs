using Microsoft.EntityFrameworkCore;
using Platform.BuildingBlocks.Registry;
using Platform.BuildingBlocks.Security;
using Platform.Identity.Api.Infrastructure;

namespace Platform.Identity.Api.Clients;

/// <summary>Clients as the admin API shows them, with whether the registry read model knows their organisation.</summary>
public static class ClientViews
{
    public static async Task<ClientResponse> ForAsync(IdentityDbContext db, PlatformClient client, CancellationToken cancellationToken) =>
        (await ForAsync(db, [client], cancellationToken))[0];

    public static async Task<List<ClientResponse>> ForAsync(IdentityDbContext db, IReadOnlyList<PlatformClient> clients, CancellationToken cancellationToken)
    {
        var townships = clients.Where(c => c.OrganisationType == OrganisationTypes.Township).Select(c => c.OrganisationId).OfType<Guid>().Distinct().ToList();
        var companies = clients.Where(c => c.OrganisationType == OrganisationTypes.PropertyCompany).Select(c => c.OrganisationId).OfType<Guid>().Distinct().ToList();
        var communities = db.Set<RegistryCommunity>().AsNoTracking();
        var knownTownships = townships.Count == 0
            ? []
            : (await communities.Where(c => townships.Contains(c.TownshipId)).Select(c => c.TownshipId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var knownCompanies = companies.Count == 0
            ? []
            : (await communities.Where(c => c.PropertyCompanyId != null && companies.Contains(c.PropertyCompanyId.Value))
                .Select(c => c.PropertyCompanyId!.Value).Distinct().ToListAsync(cancellationToken)).ToHashSet();

        return clients.Select(client => ClientResponse.From(client, client switch
        {
            { OrganisationType: OrganisationTypes.Township, OrganisationId: { } id } => knownTownships.Contains(id),
            { OrganisationType: OrganisationTypes.PropertyCompany, OrganisationId: { } id } => knownCompanies.Contains(id),
            _ => null,
        })).ToList();
    }
}
