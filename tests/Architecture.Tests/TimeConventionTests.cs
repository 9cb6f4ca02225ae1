using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Security;

namespace Platform.Architecture.Tests;

/// <summary>
/// design.md "Data conventions": instants come from TimeProvider and are stored in UTC whatever offset they arrived with;
/// business dates come from the one business calendar. Each rule fails here when new code forgets it.
/// </summary>
public sealed partial class TimeConventionTests
{
    private static readonly string Calendar = Path.Combine("services", "BuildingBlocks", "Time", "BusinessCalendar.cs");

    [Fact]
    public void No_service_or_gateway_reads_the_wall_clock_except_through_TimeProvider()
    {
        var offenders = Offenders(WallClock(), "services", "gateway");

        Assert.True(offenders.Count == 0, "Read the time from TimeProvider (or the BusinessCalendar):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Business_dates_are_taken_only_from_the_business_calendar()
    {
        var offenders = Offenders(DateFromInstant(), "services", "gateway").Where(line => !line.StartsWith(Calendar)).ToList();

        Assert.True(offenders.Count == 0, "Take today, a month or an instant's date from BusinessCalendar, not a UTC date:\n" + string.Join("\n", offenders));
    }

    public static TheoryData<string> ServiceModels => ["governance", "fees", "funds", "parking", "eldercare", "identity"];

    [Theory]
    [MemberData(nameof(ServiceModels))]
    public void Every_instant_of_a_service_model_is_converted_to_UTC(string service)
    {
        using var context = Context(service);
        var model = context.GetService<IDesignTimeModel>().Model;

        var instants = model.GetEntityTypes().SelectMany(entity => entity.GetProperties())
            .Where(property => (Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType) == typeof(DateTimeOffset))
            .ToList();
        var escaped = instants.Where(property => property.GetValueConverter() is not UtcInstantConverter)
            .Select(property => $"{property.DeclaringType.DisplayName()}.{property.Name}").ToList();

        Assert.NotEmpty(instants);
        Assert.True(escaped.Count == 0, "Stored without the UTC converter: " + string.Join(", ", escaped));
    }

    private static DbContext Context(string service)
    {
        var access = new CallerAccess((IHttpContextAccessor?)null);
        var chain = new HashChain(Microsoft.Extensions.Options.Options.Create(
            new ChainOptions { CurrentKeyId = "model-only", Keys = { ["model-only"] = Convert.ToBase64String(new byte[32]) } }));
        return service switch
        {
            "governance" => new Governance.Api.Infrastructure.GovernanceDbContext(
                Options<Governance.Api.Infrastructure.GovernanceDbContext>(), access, chain),
            "fees" => new Fees.Api.Infrastructure.FeesDbContext(Options<Fees.Api.Infrastructure.FeesDbContext>(), access, chain),
            "funds" => new Funds.Api.Infrastructure.FundsDbContext(Options<Funds.Api.Infrastructure.FundsDbContext>(), access, chain),
            "parking" => new Parking.Api.Infrastructure.ParkingDbContext(
                Options<Parking.Api.Infrastructure.ParkingDbContext>(), access, chain),
            "eldercare" => new ElderCare.Api.Infrastructure.ElderCareDbContext(
                Options<ElderCare.Api.Infrastructure.ElderCareDbContext>(), access, chain),
            _ => new Identity.Api.Infrastructure.IdentityDbContext(Options<Identity.Api.Infrastructure.IdentityDbContext>(), access, chain),
        };
    }

    // The model only: nothing connects.
    private static DbContextOptions<TContext> Options<TContext>() where TContext : DbContext =>
        new DbContextOptionsBuilder<TContext>().UseNpgsql("Host=localhost;Database=model-only").UseSnakeCaseNamingConvention().Options;

    private static List<string> Offenders(Regex pattern, params string[] folders) =>
        Repository.SourceFiles(folders)
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(hit => pattern.IsMatch(hit.line) && !hit.line.TrimStart().StartsWith("//"))
            .Select(hit => $"{Path.GetRelativePath(Repository.Root, hit.path)}:{hit.index + 1}: {hit.line.Trim()}")
            .ToList();

    [GeneratedRegex(@"\bDateTime(Offset)?\.(UtcNow|Now|Today)\b")]
    private static partial Regex WallClock();

    [GeneratedRegex(@"\bDateOnly\.FromDateTime\(|\.UtcDateTime\.Date\b")]
    private static partial Regex DateFromInstant();
}
