using System.Reflection;
using System.Xml.Linq;

namespace Platform.Architecture.Tests;

/// <summary>design.md "Rules between services": what may reference what, checked on project files and on compiled assemblies.</summary>
public sealed class DependencyRulesTests
{
    private static readonly string Root = Repository.Root;

    public static TheoryData<string> ServiceProjects()
    {
        var data = new TheoryData<string>();
        foreach (var project in Directory.GetFiles(Path.Combine(Root, "services"), "*.csproj", SearchOption.AllDirectories)
                     .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}BuildingBlocks{Path.DirectorySeparatorChar}")))
        {
            data.Add(Path.GetRelativePath(Root, project));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ServiceProjects))]
    public void A_service_project_references_only_its_own_projects_the_building_blocks_and_contracts(string project)
    {
        var service = project.Split(Path.DirectorySeparatorChar)[1];

        foreach (var reference in ProjectReferences(project))
        {
            var allowed = reference.StartsWith(Path.Combine("services", service) + Path.DirectorySeparatorChar)
                          || reference.StartsWith(Path.Combine("services", "BuildingBlocks") + Path.DirectorySeparatorChar)
                          || reference.StartsWith("contracts" + Path.DirectorySeparatorChar);
            Assert.True(allowed, $"{project} references {reference}; services share only through contracts/");
        }
    }

    [Fact]
    public void Contracts_depend_on_no_project_and_no_package()
    {
        var project = XDocument.Load(Path.Combine(Root, "contracts", "Contracts.csproj"));

        Assert.Empty(project.Descendants("ProjectReference"));
        Assert.Empty(project.Descendants("PackageReference"));
    }

    [Fact]
    public void The_building_blocks_reference_no_service()
    {
        var references = ProjectReferences(Path.Combine("services", "BuildingBlocks", "BuildingBlocks.csproj"));

        Assert.All(references, reference => Assert.StartsWith("contracts" + Path.DirectorySeparatorChar, reference));
    }

    public static TheoryData<string> DomainProjects => ["Governance", "Fees", "Funds", "ElderCare", "Parking"];

    [Theory]
    [MemberData(nameof(DomainProjects))]
    public void The_domain_project_of_a_service_does_no_IO(string service)
    {
        var assembly = service switch
        {
            "Governance" => typeof(Governance.Domain.Registry.Unit).Assembly,
            "Fees" => typeof(Fees.Domain.Money.Fen).Assembly,
            "Funds" => typeof(Funds.Domain.Ledgers.BuildingType).Assembly,
            "Parking" => typeof(Parking.Domain.Spaces.ParkingSpace).Assembly,
            _ => typeof(ElderCare.Domain.Care.CareCharge).Assembly,
        };
        var domain = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Equal($"Platform.{service}.Domain", assembly.GetName().Name);
        Assert.DoesNotContain(domain, name => name.StartsWith("Microsoft.EntityFrameworkCore") || name.StartsWith("Npgsql")
                                              || name.StartsWith("MassTransit") || name.StartsWith("Microsoft.AspNetCore")
                                              || name.StartsWith("StackExchange.Redis"));
    }

    [Fact]
    public void No_compiled_service_or_gateway_loads_another_service()
    {
        var hosts = new[]
        {
            typeof(Governance.Api.Program).Assembly, typeof(Fees.Api.Program).Assembly, typeof(Funds.Api.Program).Assembly,
            typeof(Parking.Api.Program).Assembly, typeof(ElderCare.Api.Program).Assembly, typeof(Identity.Api.Program).Assembly,
            typeof(Gateway.Program).Assembly,
        };
        var serviceNames = hosts.Select(ServiceOf).ToHashSet();

        foreach (var host in hosts)
        {
            var others = host.GetReferencedAssemblies().Select(a => ServiceOf(a.Name!)).Where(serviceNames.Contains).Where(name => name != ServiceOf(host));
            Assert.Empty(others);
        }

        var contracts = typeof(Contracts.Events.UnitRegistered).Assembly.GetReferencedAssemblies().Select(a => a.Name!);
        Assert.DoesNotContain(contracts, name => name.StartsWith("Platform."));
    }

    private static string ServiceOf(Assembly assembly) => ServiceOf(assembly.GetName().Name!);

    // Platform.Governance.Api and Platform.Governance.Domain both belong to "Governance".
    private static string ServiceOf(string assemblyName) => assemblyName.Split('.').ElementAtOrDefault(1) ?? assemblyName;

    private static IEnumerable<string> ProjectReferences(string project)
    {
        var path = Path.Combine(Root, project);
        return XDocument.Load(path).Descendants("ProjectReference")
            .Select(reference => reference.Attribute("Include")!.Value.Replace('\\', Path.DirectorySeparatorChar))
            .Select(include => Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, include))))
            .ToList();
    }
}
