using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Time;
using Platform.Funds.Api.Infrastructure;
using Platform.Funds.Api.Journal;
using Platform.Funds.Api.Misuse;

namespace Platform.Funds.Api.Repairs;

/// <summary>What the repair and disbursement handlers need, bound with <c>[AsParameters]</c> instead of a long parameter list.</summary>
public sealed record RepairServices(
    FundsDbContext Db, RepairPayments Payments, FundJournal Journal, MisuseFlagRaiser Flags, IConfiguration Configuration,
    CallerAccess Access, BusinessCalendar Calendar);
