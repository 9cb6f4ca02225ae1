namespace Platform.Funds.Domain.Journal;

/// <summary>What an account of the fund journal is: the county's dedicated bank account, or what it holds for someone.</summary>
public enum FundAccountKind
{
    /// <summary>The county's dedicated maintenance-fund bank account (专户): an asset, debit-normal.</summary>
    DedicatedBankAccount,

    /// <summary>A unit's ledger (分户账): what the fund holds for the unit's owners; credit-normal.</summary>
    UnitLedger,

    /// <summary>A community's public-income sub-ledger (公共收益子账): the owners' share of public income paid in; credit-normal.</summary>
    CommunityPublicIncome,
}

/// <summary>
/// Account names of the fund journal. The dedicated account's balance (debits − credits) must equal the sum of the
/// unit ledgers and community sub-ledgers (credits − debits): every fen in the bank is some owners' money.
/// </summary>
public static class FundAccounts
{
    public const string DedicatedBankAccount = "bank";

    public static string UnitLedger(Guid unitId) => $"unit:{unitId}";

    public static string CommunityPublicIncome(Guid communityId) => $"community:{communityId}:public-income";

    public static FundAccountKind KindOf(string account) => account switch
    {
        DedicatedBankAccount => FundAccountKind.DedicatedBankAccount,
        _ when account.StartsWith("unit:", StringComparison.Ordinal) => FundAccountKind.UnitLedger,
        _ when account.StartsWith("community:", StringComparison.Ordinal) => FundAccountKind.CommunityPublicIncome,
        _ => throw new ArgumentException($"Not a fund account: {account}", nameof(account)),
    };
}
