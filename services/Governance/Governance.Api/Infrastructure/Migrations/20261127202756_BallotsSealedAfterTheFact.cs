using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Governance.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class BallotsSealedAfterTheFact : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "previous_hash",
                table: "ballots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AlterColumn<long>(
                name: "position",
                table: "ballots",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AlterColumn<string>(
                name: "hash",
                table: "ballots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64);

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "ballots",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.CreateIndex(
                name: "ix_ballots_unsealed",
                table: "ballots",
                columns: new[] { "proposal_id", "sequence" },
                filter: "hash IS NULL");

            // Ballots stay append-only; the one change allowed is the sealer putting an unsealed ballot on its chain.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_of_ballot() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
                     AND (NEW.id, NEW.proposal_id, NEW.sequence, NEW.voter_id, NEW.cast_by_owner_id, NEW.choice, NEW.cast_at)
                         IS NOT DISTINCT FROM (OLD.id, OLD.proposal_id, OLD.sequence, OLD.voter_id, OLD.cast_by_owner_id, OLD.choice, OLD.cast_at) THEN
                    RETURN NEW;
                  END IF;
                  RAISE EXCEPTION 'ballots is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
                END $$;
                DROP TRIGGER ballots_append_only ON ballots;
                CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_ballot();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ballots_append_only ON ballots;
                CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_vote_record();
                DROP FUNCTION refuse_change_of_ballot();
                """);

            migrationBuilder.DropIndex(
                name: "ix_ballots_unsealed",
                table: "ballots");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "ballots");

            migrationBuilder.AlterColumn<string>(
                name: "previous_hash",
                table: "ballots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);

            migrationBuilder.AlterColumn<long>(
                name: "position",
                table: "ballots",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "hash",
                table: "ballots",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(64)",
                oldMaxLength: 64,
                oldNullable: true);
        }
    }
}
