namespace Platform.Governance.Domain.Voting;

/// <summary>The matters owners decide together (Civil Code art. 278, items 1–9).</summary>
public enum MatterType
{
    AssemblyRules = 1,
    ManagementCovenant = 2,
    ElectOrReplaceCommittee = 3,
    HireOrDismissPropertyCompany = 4,
    UseMaintenanceFunds = 5,
    RaiseMaintenanceFunds = 6,
    RebuildOrReconstruct = 7,
    ChangeUseOfCommonParts = 8,
    OtherMajorMatter = 9,
}
