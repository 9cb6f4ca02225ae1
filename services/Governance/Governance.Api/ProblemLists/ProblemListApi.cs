using Platform.BuildingBlocks.Validation;

namespace Platform.Governance.Api.ProblemLists;

/// <summary>The campaign's problem lists (问题清单, 销号) under /api/governance/v1.</summary>
public static class ProblemListApi
{
    public static RouteGroupBuilder MapProblemListApi(this IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapGroup(prefix).WithRequestValidation(Registry.GovernanceText.Messages);
        api.MapProblemListEndpoints();
        api.MapProblemFixEndpoints();
        return api;
    }
}
