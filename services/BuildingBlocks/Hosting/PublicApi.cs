using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Platform.BuildingBlocks.Validation;

namespace Platform.BuildingBlocks.Hosting;

/// <summary>
/// What a service publishes to everyone (disclosures, results, ratings): anonymous, read-only, under
/// <c>/public/&lt;service&gt;/v1</c>, which the gateway routes without a token. Handlers read with
/// <c>IgnoreQueryFilters()</c> on purpose and return only what is meant to be public.
/// </summary>
public static class PublicApi
{
    public static string PrefixOf(string service) => $"/public/{service}/v1";

    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder endpoints, string service) =>
        endpoints.MapGroup(PrefixOf(service)).AllowAnonymous().WithRequestValidation().WithTags("Public");
}
