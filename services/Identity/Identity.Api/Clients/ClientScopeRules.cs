using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// Who may be a client and which scopes it may hold (<see cref="ScopeGrants"/>). Applied when a client is
/// registered or its scopes change (admin API and bootstrap configuration alike).
/// </summary>
public static class ClientScopeRules
{
    /// <summary>
    /// Departments and partner organisations get clients; owners sign in through the owners' app. Never a platform
    /// service: its tokens open governance's internal look-ups, and identity mints them for itself (ServiceTokens).
    /// </summary>
    public static bool MayBeRegistered(string? organisationType) =>
        organisationType is not null && organisationType != OrganisationTypes.PlatformService
        && (OrganisationTypes.Departments.Contains(organisationType) || OrganisationTypes.Partners.Contains(organisationType));

    public static bool NeedsOrganisationId(string organisationType) => OrganisationTypes.Partners.Contains(organisationType);

    /// <summary>Sorted, without duplicates: how scopes are stored and compared.</summary>
    public static List<string> Normalize(IEnumerable<string> scopes) =>
        scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>The business rules on who a client is and what it may hold (the request's shape is checked before).</summary>
    public static ValidationErrors Check(string organisationType, Guid? organisationId, IReadOnlyList<string> scopes)
    {
        var errors = new ValidationErrors();
        if (NeedsOrganisationId(organisationType) && organisationId is null)
        {
            errors.Add("organisationId", "error.required");
        }
        else if (!NeedsOrganisationId(organisationType) && organisationId is not null)
        {
            errors.Add("organisationId", "error.organisation_id_not_applicable", organisationType);
        }

        foreach (var scope in scopes.Where(scope => Scopes.All.Contains(scope) && !ScopeGrants.MayHold(organisationType, scope)))
        {
            errors.Add("scopes", "error.scope_not_permitted", scope, organisationType);
        }

        return errors;
    }
}
