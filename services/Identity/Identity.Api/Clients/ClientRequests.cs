using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;

namespace Platform.Identity.Api.Clients;

public sealed partial record RegisterClientRequest(
    string? ClientId, string? DisplayName, string? OrganisationType, Guid? OrganisationId, IReadOnlyList<string>? Scopes) : IValidatableRequest
{
    /// <summary>Lower-case letters, digits and dashes: it travels in form posts, logs and the audit trail.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{2,63}$")]
    public static partial Regex ClientIdPattern();

    public void Validate(ValidationErrors errors)
    {
        errors.Matches("clientId", ClientId, ClientIdPattern())
            .Required("displayName", DisplayName);
        if (string.IsNullOrEmpty(OrganisationType))
        {
            errors.Add("organisationType", "error.required");
        }
        else if (!ClientScopeRules.MayBeRegistered(OrganisationType))
        {
            errors.Add("organisationType", "error.unknown_value");
        }

        if (OrganisationId == Guid.Empty)
        {
            errors.Add("organisationId", "error.invalid_format");
        }

        if (Scopes is not null)
        {
            ScopeList.Validate(errors, Scopes);
        }
    }
}

public sealed record ChangeClientScopesRequest(IReadOnlyList<string>? Scopes) : IValidatableRequest
{
    public void Validate(ValidationErrors errors) => ScopeList.Validate(errors, Scopes);
}

internal static class ScopeList
{
    public static void Validate(ValidationErrors errors, IReadOnlyList<string>? scopes)
    {
        if (scopes is null || scopes.Count == 0)
        {
            errors.Add("scopes", "error.required");
            return;
        }

        if (scopes.Any(scope => !Scopes.All.Contains(scope)))
        {
            errors.Add("scopes", "error.unknown_value");
        }
    }
}
