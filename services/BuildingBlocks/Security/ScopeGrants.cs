namespace Platform.BuildingBlocks.Security;

/// <summary>
/// Which scopes each kind of organisation gets by default and which it may ever hold: what the plan gives each
/// organisation, split by function. Identity applies it to clients; tests mint tokens with it, so a test "as Natural
/// Resources" holds what Natural Resources really gets. docs/identity.md has the same tables (a test compares them).
/// </summary>
public static class ScopeGrants
{
    /// <summary>County departments, not a platform service: its tokens are minted by identity for itself.</summary>
    private static readonly HashSet<string> CountyDepartments =
        [.. OrganisationTypes.Departments.Where(type => type != OrganisationTypes.PlatformService)];

    /// <summary>What a client gets when it is registered without naming scopes.</summary>
    private static readonly Dictionary<string, string[]> DefaultScopes = new()
    {
        [OrganisationTypes.Housing] =
        [
            Scopes.GovernanceRead, Scopes.GovernanceWrite, Scopes.GovernanceProblems, Scopes.GovernanceCredit, Scopes.FeesRead,
            Scopes.FeesWrite, Scopes.FundsRead, Scopes.FundsWrite, Scopes.FundsApprove, Scopes.FundsMisuse, Scopes.ParkingRead,
            Scopes.ParkingWrite, Scopes.ElderCareRead,
        ],
        [OrganisationTypes.DevelopmentAndReform] = [Scopes.GovernanceRead, Scopes.FeesRead, Scopes.FeesStandards, Scopes.ParkingRead, Scopes.ParkingPriceCaps],
        [OrganisationTypes.MarketRegulation] = [Scopes.GovernanceRead, Scopes.GovernanceCredit, Scopes.FeesRead],
        [OrganisationTypes.Finance] = [Scopes.GovernanceRead, Scopes.FeesRead, Scopes.FundsRead, Scopes.FundsApprove, Scopes.FundsMisuse],
        [OrganisationTypes.Police] = [Scopes.GovernanceRead, Scopes.FundsMisuse, Scopes.ParkingRead],
        [OrganisationTypes.NaturalResources] = [Scopes.GovernanceRead, Scopes.ParkingRead, Scopes.ParkingOwnership],
        [OrganisationTypes.CivilAffairs] = [Scopes.GovernanceRead, Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth],
        [OrganisationTypes.Township] =
        [
            Scopes.GovernanceRead, Scopes.GovernanceWrite, Scopes.GovernanceProblems, Scopes.FeesRead, Scopes.FundsRead,
            Scopes.ParkingRead, Scopes.ElderCareRead, Scopes.ElderCareWrite,
        ],
        [OrganisationTypes.PropertyCompany] =
        [
            Scopes.GovernanceRead, Scopes.GovernanceProblems, Scopes.FeesRead, Scopes.FeesWrite, Scopes.FundsRead, Scopes.ParkingRead,
            Scopes.ParkingWrite, Scopes.ParkingGates,
        ],
        [OrganisationTypes.CareProvider] = [Scopes.ElderCareRead, Scopes.ElderCareWrite, Scopes.ElderCareHealth],
        [OrganisationTypes.ParkingOperator] = [Scopes.ParkingRead, Scopes.ParkingGates],
        [OrganisationTypes.Owner] = [.. Scopes.Owner],
    };

    /// <summary>
    /// Scopes only some organisation types may ever hold (granted by the administrator or by default); any other scope
    /// any registered organisation may hold. Owners hold at most the owner scopes.
    /// </summary>
    private static readonly Dictionary<string, HashSet<string>> OnlyFor = new()
    {
        // Only the housing bureau administers clients.
        [Scopes.IdentityAdmin] = [OrganisationTypes.Housing],
        // The registry and votes are kept by registrars; a company only reports fixes, with governance.problems.
        [Scopes.GovernanceWrite] = [OrganisationTypes.Housing, OrganisationTypes.Township],
        [Scopes.GovernanceProblems] = [OrganisationTypes.Housing, OrganisationTypes.Township, OrganisationTypes.PropertyCompany],
        // Credit and blacklist decisions are the county's; townships and partners never rate companies.
        [Scopes.GovernanceCredit] = CountyDepartments,
        // Billing and the money of a community are its company's (the township and the bureau step in); the pricing
        // department publishes bands.
        [Scopes.FeesWrite] = [OrganisationTypes.Housing, OrganisationTypes.Township, OrganisationTypes.PropertyCompany],
        [Scopes.FeesStandards] = [OrganisationTypes.DevelopmentAndReform],
        // Approving a maintenance-fund payout is a county decision, never a partner's; so is reading misuse evidence.
        [Scopes.FundsApprove] = CountyDepartments,
        [Scopes.FundsMisuse] = CountyDepartments,
        // Running a community's parking is its company's (and the bureau's); operators only run gates.
        [Scopes.ParkingWrite] = [OrganisationTypes.Housing, OrganisationTypes.PropertyCompany],
        [Scopes.ParkingGates] = [OrganisationTypes.PropertyCompany, OrganisationTypes.ParkingOperator],
        [Scopes.ParkingOwnership] = [OrganisationTypes.NaturalResources],
        [Scopes.ParkingPriceCaps] = [OrganisationTypes.DevelopmentAndReform],
        // Health data: Civil Affairs and care providers — care firms, and property companies under the "property + care"
        // model (never by default: only when granted). Eldercare shows a provider only the people of its active orders.
        [Scopes.ElderCareHealth] = [OrganisationTypes.CivilAffairs, OrganisationTypes.CareProvider, OrganisationTypes.PropertyCompany],
    };

    /// <summary>What a client of this organisation type gets when registered without naming scopes.</summary>
    public static IReadOnlyList<string> Defaults(string organisationType) =>
        DefaultScopes.TryGetValue(organisationType, out var scopes) ? scopes : [];

    /// <summary>Whether an organisation of this type may ever hold the scope.</summary>
    public static bool MayHold(string organisationType, string scope) => scope switch
    {
        _ when organisationType == OrganisationTypes.Owner => Scopes.Owner.Contains(scope),
        _ when OnlyFor.TryGetValue(scope, out var types) => types.Contains(organisationType),
        _ => Scopes.All.Contains(scope),
    };

    /// <summary>The organisation types that alone may hold the scope, or null when any registered organisation may.</summary>
    public static IReadOnlySet<string>? HoldersOf(string scope) => OnlyFor.GetValueOrDefault(scope);
}
