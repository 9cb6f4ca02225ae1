namespace Platform.Governance.Domain.Registry;

/// <summary>物业服务企业: a partner firm identified by its unified social credit code.</summary>
public sealed class PropertyCompany
{
    private PropertyCompany()
    {
    }

    public PropertyCompany(Guid id, string name, string unifiedSocialCreditCode)
    {
        Id = id;
        Name = name;
        UnifiedSocialCreditCode = unifiedSocialCreditCode;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string UnifiedSocialCreditCode { get; private set; } = "";
}
