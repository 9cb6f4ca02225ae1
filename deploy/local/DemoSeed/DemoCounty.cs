using System.Globalization;
using System.Text;

namespace Platform.DemoSeed;

/// <summary>
/// A small made-up county: two townships, four communities (one old, star levels 2 to 5, each served by a
/// property company), 19 units registered one by one (a developer holding unsold units, one person owning two)
/// and one building brought in by CSV import. Every name, ID number and phone number here is invented.
/// </summary>
public sealed class DemoCounty(RegistryClient registry)
{
    /// <summary>The township the demo township client acts for (北山街道: 北山新村 and 翠苑一区).</summary>
    public const string ClientTownshipCode = "330106001";

    /// <summary>The property company the demo property-company client acts for (湖滨物业: 西溪花园 and 湖畔云庭).</summary>
    public static string ClientCompanyCreditCode => Companies[0].UnifiedSocialCreditCode;

    private sealed record OwnerSpec(string Key, OwnerKind Kind, string Name, string IdNumber, string? Phone);

    private sealed record UnitSpec(string Building, string Number, decimal Area, UnitUse Use, AreaSource Source, OwnerSpec Owner, DateOnly Since);

    private sealed record CommunitySpec(
        string Key, string TownshipCode, string Name, string Address, string CompanyCode, int StarLevel, bool IsOld,
        UnitSpec[] Units, UnitSpec[] Imported);

    private static readonly RegisterTownship[] Townships =
    [
        new("北山街道", "330106001"),
        new("西溪街道", "330106002"),
    ];

    private static readonly RegisterPropertyCompany[] Companies =
    [
        new("湖滨物业服务有限公司", IdentityNumbers.CreditCode("913301063419A27B4")),
        new("翠苑物业管理有限公司", IdentityNumbers.CreditCode("91330106MA28C3Q9P")),
    ];

    private static readonly OwnerSpec Developer =
        new("developer-hupan", OwnerKind.Developer, "湖畔置业有限公司", IdentityNumbers.CreditCode("91330106MA2B7N4K3"), "13905710001");

    private static readonly OwnerSpec Cooperative =
        new("org-cuiyuan", OwnerKind.Organisation, "翠苑社区股份经济合作社", IdentityNumbers.CreditCode("N2330106MF0000012"), null);

    private static readonly OwnerSpec ZhangWei = Person("zhang-wei", "张伟", new(1978, 4, 12), 311, "13805710101");
    private static readonly OwnerSpec WangFang = Person("wang-fang", "王芳", new(1985, 9, 3), 322, "13905710102");
    private static readonly OwnerSpec LiNa = Person("li-na", "李娜", new(1990, 1, 27), 342, "15005710103");
    private static readonly OwnerSpec LiuYang = Person("liu-yang", "刘洋", new(1982, 7, 15), 153, "15805710104");
    private static readonly OwnerSpec ChenJing = Person("chen-jing", "陈静", new(1988, 11, 30), 264, "17705710105");
    private static readonly OwnerSpec YangFan = Person("yang-fan", "杨帆", new(1956, 3, 8), 175, "13305710106");
    private static readonly OwnerSpec ZhaoLei = Person("zhao-lei", "赵磊", new(1949, 12, 1), 186, "13605710107");
    private static readonly OwnerSpec HuangLi = Person("huang-li", "黄丽", new(1961, 5, 22), 228, "18605710108");
    private static readonly OwnerSpec ZhouMin = Person("zhou-min", "周敏", new(1953, 8, 19), 247, "18905710109");
    private static readonly OwnerSpec WuJun = Person("wu-jun", "吴军", new(1970, 2, 14), 135, "15305710110");
    private static readonly OwnerSpec ZhengHong = Person("zheng-hong", "郑红", new(1975, 10, 9), 266, "13705710111");
    private static readonly OwnerSpec SunLei = Person("sun-lei", "孙磊", new(1993, 6, 6), 117, "19905710112");
    private static readonly OwnerSpec FengGang = Person("feng-gang", "冯刚", new(1968, 9, 17), 139, "13805710113");
    private static readonly OwnerSpec XuYan = Person("xu-yan", "徐燕", new(1972, 12, 24), 248, "13905710114");
    private static readonly OwnerSpec HeQiang = Person("he-qiang", "何强", new(1965, 4, 4), 159, "15905710115");

    private static readonly CommunitySpec[] Communities =
    [
        new("xixi-garden", "330106002", "西溪花园", "西溪路 288 号", Companies[0].UnifiedSocialCreditCode, StarLevel: 4, IsOld: false,
        [
            new("1幢", "1-101", 89.50m, UnitUse.Residential, AreaSource.Register, ZhangWei, new(2012, 5, 18)),
            new("1幢", "1-102", 89.50m, UnitUse.Residential, AreaSource.Register, WangFang, new(2012, 6, 2)),
            // 张伟 owns two flats: one owner by headcount, both areas count.
            new("1幢", "1-201", 120.30m, UnitUse.Residential, AreaSource.Register, ZhangWei, new(2016, 3, 9)),
            new("1幢", "1-202", 120.30m, UnitUse.Residential, AreaSource.Register, LiNa, new(2013, 1, 21)),
            new("2幢", "2-101", 95.00m, UnitUse.Residential, AreaSource.Register, LiuYang, new(2012, 8, 30)),
            new("2幢", "2-102", 95.00m, UnitUse.Residential, AreaSource.Register, ChenJing, new(2014, 11, 5)),
        ], []),
        new("beishan-village", "330106001", "北山新村", "北山路 66 号", Companies[1].UnifiedSocialCreditCode, StarLevel: 2, IsOld: true,
        [
            // An old community: areas from a later survey, owners since the 1990s housing reform.
            new("3幢", "3-101", 62.40m, UnitUse.Residential, AreaSource.Survey, YangFan, new(1996, 9, 1)),
            new("3幢", "3-102", 58.70m, UnitUse.Residential, AreaSource.Survey, ZhaoLei, new(1996, 9, 1)),
            new("3幢", "3-201", 62.40m, UnitUse.Residential, AreaSource.Survey, HuangLi, new(1997, 4, 15)),
            new("3幢", "3-202", 58.70m, UnitUse.Residential, AreaSource.Survey, ZhouMin, new(1998, 2, 20)),
        ], []),
        new("cuiyuan-1", "330106001", "翠苑一区", "文三路 120 号", Companies[1].UnifiedSocialCreditCode, StarLevel: 3, IsOld: false,
        [
            new("5幢", "5-101", 76.80m, UnitUse.Residential, AreaSource.Register, WuJun, new(2003, 6, 18)),
            new("5幢", "5-102", 76.80m, UnitUse.Residential, AreaSource.Register, ZhengHong, new(2004, 3, 1)),
            new("5幢", "5-S01", 45.00m, UnitUse.Commercial, AreaSource.Register, Cooperative, new(2003, 6, 18)),
        ],
        [
            // Building 6幢 arrives by CSV import (the path a street office uses for a whole register).
            new("6幢", "6-101", 80.20m, UnitUse.Residential, AreaSource.Register, FengGang, new(2005, 7, 1)),
            new("6幢", "6-102", 80.20m, UnitUse.Residential, AreaSource.Register, XuYan, new(2005, 7, 1)),
            new("6幢", "6-201", 80.20m, UnitUse.Residential, AreaSource.Register, HeQiang, new(2006, 1, 12)),
            new("6幢", "6-202", 80.20m, UnitUse.Residential, AreaSource.Register, WuJun, new(2009, 10, 8)),
            new("6幢", "6-P01", 13.20m, UnitUse.ParkingSpace, AreaSource.Register, FengGang, new(2005, 7, 1)),
            new("6幢", "6-D01", 8.50m, UnitUse.Storage, AreaSource.Register, XuYan, new(2005, 7, 1)),
        ]),
        new("hupan-yunting", "330106002", "湖畔云庭", "天目山路 518 号", Companies[0].UnifiedSocialCreditCode, StarLevel: 5, IsOld: false,
        [
            // A new development: the developer still holds the unsold flats and a parking space.
            new("1幢", "1-101", 128.00m, UnitUse.Residential, AreaSource.Contract, SunLei, new(2024, 9, 1)),
            new("1幢", "1-102", 128.00m, UnitUse.Residential, AreaSource.Contract, Developer, new(2024, 6, 30)),
            new("1幢", "1-201", 143.50m, UnitUse.Residential, AreaSource.Contract, Developer, new(2024, 6, 30)),
            new("1幢", "1-202", 143.50m, UnitUse.Residential, AreaSource.Contract, Developer, new(2024, 6, 30)),
            new("地下车库", "B1-001", 12.50m, UnitUse.ParkingSpace, AreaSource.Contract, Developer, new(2024, 6, 30)),
            new("地下车库", "B1-002", 12.50m, UnitUse.ParkingSpace, AreaSource.Contract, SunLei, new(2024, 9, 1)),
        ], []),
    ];

    public async Task<SeedReport> SeedAsync(CancellationToken ct)
    {
        var report = new SeedReport();
        var townships = new Dictionary<string, Township>();
        foreach (var township in Townships)
        {
            townships[township.Code] = report.Count("townships", await registry.RegisterTownshipAsync(township, ct));
        }

        var companies = new Dictionary<string, PropertyCompany>();
        foreach (var company in Companies)
        {
            companies[company.UnifiedSocialCreditCode] = report.Count("property companies", await registry.RegisterPropertyCompanyAsync(company, ct));
        }

        var owners = new Dictionary<string, Owner>();
        foreach (var spec in Communities)
        {
            var community = report.Count("communities", await registry.RegisterCommunityAsync(spec.Key,
                new RegisterCommunity(townships[spec.TownshipCode].Id, spec.Name, spec.Address, companies[spec.CompanyCode].Id, spec.StarLevel, spec.IsOld), ct));

            var buildings = new Dictionary<string, Building>();
            foreach (var number in spec.Units.Select(unit => unit.Building).Distinct())
            {
                buildings[number] = report.Count("buildings", await registry.RegisterBuildingAsync(
                    $"{spec.Key}-{Slug(number)}", community.Id, new RegisterBuilding(number), ct));
            }

            foreach (var unit in spec.Units)
            {
                if (!owners.TryGetValue(unit.Owner.Key, out var owner))
                {
                    owner = report.Count("owners", await registry.RegisterOwnerAsync(unit.Owner.Key,
                        new RegisterOwner(unit.Owner.Kind, unit.Owner.Name, unit.Owner.IdNumber, unit.Owner.Phone), ct));
                    owners[unit.Owner.Key] = owner;
                }

                report.Count("units", await registry.RegisterUnitAsync($"{spec.Key}-{Slug(unit.Building)}-{unit.Number}", community.Id,
                    new RegisterUnit(buildings[unit.Building].Id, unit.Number, unit.Area, unit.Use, unit.Source, owner.Id, unit.Since), ct));
            }

            if (spec.Imported.Length > 0)
            {
                var result = await registry.ImportRegisterAsync(community.Id, ToCsv(spec.Imported), ct);
                report.Imported(spec.Name, result);
            }
        }

        report.Townships = [.. townships.Values];
        report.Companies = [.. companies.Values];
        report.Communities = await registry.ListCommunitiesAsync(ct);
        return report;
    }

    private static OwnerSpec Person(string key, string name, DateOnly birth, int sequence, string phone) =>
        new(key, OwnerKind.Person, name, IdentityNumbers.ResidentId("330106", birth, sequence), phone);

    /// <summary>Idempotency keys are ASCII: a building number such as "1幢" becomes its code points.</summary>
    private static string Slug(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c.ToString() : ((int)c).ToString("x", CultureInfo.InvariantCulture)));

    /// <summary>The register import's CSV: its column names, lower-case snake_case values, ISO dates.</summary>
    private static string ToCsv(IEnumerable<UnitSpec> units)
    {
        var csv = new StringBuilder("building,unit,exclusive_area,use,area_source,owner_kind,owner_name,owner_id_number,owner_phone,owned_since\n");
        foreach (var unit in units)
        {
            csv.AppendLine(string.Join(',',
                unit.Building, unit.Number, unit.Area.ToString("0.00", CultureInfo.InvariantCulture), SnakeCase(unit.Use), SnakeCase(unit.Source),
                SnakeCase(unit.Owner.Kind), unit.Owner.Name, unit.Owner.IdNumber, unit.Owner.Phone ?? "", unit.Since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return csv.ToString();
    }

    private static string SnakeCase<TEnum>(TEnum value) where TEnum : struct, Enum =>
        string.Concat(value.ToString().Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
