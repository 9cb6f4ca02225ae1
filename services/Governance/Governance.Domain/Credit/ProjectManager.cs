namespace Platform.Governance.Domain.Credit;

/// <summary>项目经理: a company's manager of a property project, with a credit record of their own.</summary>
public sealed class ProjectManager
{
    private ProjectManager()
    {
    }

    public ProjectManager(Guid id, Guid companyId, string name, Guid? communityId)
    {
        Id = id;
        CompanyId = companyId;
        Name = name;
        CommunityId = communityId;
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    public string Name { get; private set; } = "";

    /// <summary>The community they manage, when known.</summary>
    public Guid? CommunityId { get; private set; }
}
