using Platform.BuildingBlocks.Validation;

namespace Platform.Governance.Api.Registry;

/// <summary>The registry's REST API under /api/governance/v1 (seed item 1: township → community → units → owners).</summary>
public static class RegistryApi
{
    public static RouteGroupBuilder MapRegistryApi(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapGroup(prefix).WithRequestValidation(GovernanceText.Messages);
        api.MapTownshipEndpoints();
        api.MapPropertyCompanyEndpoints();
        api.MapCommunityEndpoints();
        api.MapUnitEndpoints();
        api.MapOwnerEndpoints();
        api.MapRegisterImportEndpoints();
        return api;
    }
}
