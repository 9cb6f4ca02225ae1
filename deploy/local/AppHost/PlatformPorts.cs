namespace Platform.AppHost;

/// <summary>A host's resource name and its fixed local ports: REST over HTTP/1.1, gRPC over cleartext HTTP/2.</summary>
public sealed record HostPorts(string Name, int Http, int Grpc);

/// <summary>The development ports every local tool assumes (the same as each project's appsettings.Development.json).</summary>
public static class PlatformPorts
{
    public static readonly HostPorts Gateway = new("gateway", 5000, 5001);
    public static readonly HostPorts Governance = new("governance", 5101, 5102);
    public static readonly HostPorts Fees = new("fees", 5111, 5112);
    public static readonly HostPorts Funds = new("funds", 5121, 5122);
    public static readonly HostPorts Parking = new("parking", 5131, 5132);
    public static readonly HostPorts ElderCare = new("eldercare", 5141, 5142);
    public static readonly HostPorts Identity = new("identity", 5151, 5152);
}
