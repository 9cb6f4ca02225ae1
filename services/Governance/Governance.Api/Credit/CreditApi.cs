using Platform.BuildingBlocks.Validation;

namespace Platform.Governance.Api.Credit;

/// <summary>Credit and blacklist (seed items 11 and 12) under /api/governance/v1; published ratings under /public/governance/v1.</summary>
public static class CreditApi
{
    public static RouteGroupBuilder MapCreditApi(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapGroup(prefix).WithRequestValidation(Registry.GovernanceText.Messages);
        api.MapCompanyCreditEndpoints();
        api.MapBlacklistEndpoints();
        api.MapOwnerCreditEndpoints();
        return api;
    }
}
