using Platform.BuildingBlocks.Disclosures;
using Platform.BuildingBlocks.Security;
using Platform.Contracts.Events;
using Platform.Funds.Api.Infrastructure;

namespace Platform.Funds.Api.Disclosures;

/// <summary>Fund accounts published per community (维修资金公示): quarterly, or on demand; immutable versions anyone reads under /public.</summary>
public static class FundDisclosureEndpoints
{
    public static readonly DisclosureSet<FundDisclosure, FundsDbContext, FundDisclosurePublished> Set = new()
    {
        Service = FundsApi.ServiceName, Path = "fund-disclosures", Name = "FundDisclosure",
        Wording = ("fund accounts", "fund disclosure"), WriteScope = Scopes.FundsWrite, Messages = FundsText.Messages,
        Compile = async (db, community, period, now, ct) => await FundDisclosureCompiler.CompileAsync(db, community, period, now, ct),
        Published = d => new FundDisclosurePublished(d.Id, d.CommunityId, d.Period, d.Version, d.ContentHash, d.PublishedAt),
    };

    public static RouteGroupBuilder MapFundDisclosureEndpoints(this RouteGroupBuilder api) => Set.MapPublish(api);

    public static RouteGroupBuilder MapPublicFundDisclosures(this RouteGroupBuilder publicApi) => Set.MapPublic(publicApi);
}
