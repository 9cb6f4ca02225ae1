using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;

namespace Platform.Identity.Api.Clients;

/// <summary>
/// Who may be a client and which scopes each kind of organisation may hold. Applied when a client is
/// registered or its scopes change (admin API and bootstrap configuration alike).
/// </summary>
public static class ClientScopeRules
{
    /// <summary>Only the housing bureau administers clients.</summary>
    private static readonly HashSet<string> AdministratorTypes = [OrganisationTypes.Housing];

    /// <summary>
    /// Health data: Civil Affairs and care providers — care firms, and property companies under the "property + care" model
    /// (never by default: only when granted). Eldercare itself shows a provider's clients only the people of its active orders.
    /// </summary>
    private static readonly HashSet<string> HealthDataTypes = [OrganisationTypes.CivilAffairs, OrganisationTypes.CareProvider, OrganisationTypes.PropertyCompany];

    /// <summary>What a client gets when it is registered without naming scopes.</summary>
    private static readonly Dictionary<string, string[]> DefaultScopes = new()
    {
        [OrganisationTypes.Housing] =
        [
            Scopes.GovernanceRead, Scopes.GovernanceWrite, Scopes.GovernanceCredit, Scopes.FeesRead, Scopes.FeesWrite, Scopes.FundsRead,
            Scopes.FundsWrite, Scopes.FundsApprove, Scopes.ParkingRead, Scopes.ParkingWrite, Scopes.ElderCareRead,
        ],
        [OrganisationTypes.DevelopmentAndReform] = [Scopes.GovernanceRead, Scopes.FeesRead, Scopes.FeesWrite, Scopes.ParkingRead, Scopes.ParkingWrite],
        [OrganisationTypes.MarketRegulation] = [Scopes.GovernanceRead, Scopes.GovernanceCredit, Scopes.FeesRead],
        [OrganisationTypes.Finance] = [Scopes.GovernanceRead, Scopes.FeesRead, Scopes.FundsRead, Scopes.FundsApprove],
        [OrganisationTypes.Police] = [Scopes.GovernanceRead, Scopes.ParkingRead],
        [OrganisationTypes.NaturalResources] = [Scopes.GovernanceRead, Scopes.ParkingRead, Scopes.ParkingWrite],
        [OrganisationTypes.CivilAffairs] = [Scopes.GovernanceRead, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth],
        [OrganisationTypes.Township] = [Scopes.GovernanceRead, Scopes.GovernanceWrite, Scopes.FeesRead, Scopes.FundsRead, Scopes.ParkingRead],
        // governance.write lets a company report fixes on the problem list; registry writes still need a registrar.
        [OrganisationTypes.PropertyCompany] = [Scopes.GovernanceRead, Scopes.GovernanceWrite, Scopes.FeesRead, Scopes.FeesWrite, Scopes.FundsRead, Scopes.ParkingRead, Scopes.ParkingWrite],
        [OrganisationTypes.CareProvider] = [Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth],
        [OrganisationTypes.ParkingOperator] = [Scopes.ParkingRead, Scopes.ParkingWrite],
        [OrganisationTypes.Owner] = [.. Scopes.Owner],
    };

    /// <summary>
    /// Departments and partner organisations get clients; owners sign in through the owners' app. Never a platform
    /// service: its tokens open governance's internal look-ups, and identity mints them for itself (ServiceTokens).
    /// </summary>
    public static bool MayBeRegistered(string? organisationType) =>
        organisationType is not null && organisationType != OrganisationTypes.PlatformService
        && (OrganisationTypes.Departments.Contains(organisationType) || OrganisationTypes.Partners.Contains(organisationType));

    public static bool NeedsOrganisationId(string organisationType) => OrganisationTypes.Partners.Contains(organisationType);

    public static IReadOnlyList<string> Defaults(string organisationType) =>
        DefaultScopes.TryGetValue(organisationType, out var scopes) ? scopes : [];

    /// <summary>Whether an organisation of this type may ever hold the scope.</summary>
    public static bool MayHold(string organisationType, string scope) => scope switch
    {
        _ when organisationType == OrganisationTypes.Owner => Scopes.Owner.Contains(scope),
        Scopes.IdentityAdmin => AdministratorTypes.Contains(organisationType),
        Scopes.ElderCareHealth => HealthDataTypes.Contains(organisationType),
        // Approving a maintenance-fund payout is a county decision, never a partner's.
        Scopes.FundsApprove => OrganisationTypes.Departments.Contains(organisationType) && organisationType != OrganisationTypes.PlatformService,
        // Credit and blacklist decisions are the county's; townships and partners never rate companies.
        Scopes.GovernanceCredit => OrganisationTypes.Departments.Contains(organisationType) && organisationType != OrganisationTypes.PlatformService,
        _ => Scopes.All.Contains(scope),
    };

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

        foreach (var scope in scopes.Where(scope => Scopes.All.Contains(scope) && !MayHold(organisationType, scope)))
        {
            errors.Add("scopes", "error.scope_not_permitted", scope, organisationType);
        }

        return errors;
    }
}
