namespace Platform.BuildingBlocks.Data;

/// <summary>
/// The statements a migration runs to make a table append-only: a trigger refuses every UPDATE and DELETE, whoever asks
/// (the runtime role has neither right on such a table anyway; the trigger also holds the owner to it until the owner
/// turns it off, which is what the keyed chains and the signed checkpoints are there to catch). Migrations applied this
/// text: never change it, add a new statement instead.
/// </summary>
public static class AppendOnly
{
    /// <summary>Creates the refusing function once per database (the same in every service) and the table's trigger.</summary>
    public static string Create(string table) => $"""
        CREATE OR REPLACE FUNCTION refuse_change_of_append_only_record() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
        END $$;
        CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
          FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only_record();
        """;

    /// <summary>Drops the table's trigger (the function stays: other tables may use it).</summary>
    public static string Drop(string table) => $"DROP TRIGGER {table}_append_only ON {table};";
}
