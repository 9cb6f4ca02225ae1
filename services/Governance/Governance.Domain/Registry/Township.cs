namespace Platform.Governance.Domain.Registry;

/// <summary>乡镇/街道: the territorial level responsible for its communities (seed item 1).</summary>
public sealed class Township
{
    private Township()
    {
    }

    public Township(Guid id, string name, string code)
    {
        Id = id;
        Name = name;
        Code = code;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>Administrative division code, e.g. 360121100.</summary>
    public string Code { get; private set; } = "";
}
