using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Platform.Governance.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class VoteScopeResultsAndLiveTally : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_ballots_proposal_id_sequence",
                table: "ballots");

            migrationBuilder.RenameColumn(
                name: "sequence",
                table: "ballots",
                newName: "position");

            migrationBuilder.AddColumn<string>(
                name: "attachments",
                table: "proposals",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "reference",
                table: "proposals",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid[]>(
                name: "scope_ids",
                table: "proposals",
                type: "uuid[]",
                nullable: false,
                defaultValue: new Guid[0]);

            migrationBuilder.AddColumn<string>(
                name: "scope_kind",
                table: "proposals",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "terms",
                table: "proposals",
                type: "jsonb",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AlterColumn<long>(
                name: "position",
                table: "ballots",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .OldAnnotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.CreateTable(
                name: "proposal_results",
                columns: table => new
                {
                    proposal_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_set_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    electorate_headcount = table.Column<long>(type: "bigint", nullable: false),
                    electorate_area_hundredths = table.Column<long>(type: "bigint", nullable: false),
                    participating_headcount = table.Column<long>(type: "bigint", nullable: false),
                    participating_area_hundredths = table.Column<long>(type: "bigint", nullable: false),
                    agree_headcount = table.Column<long>(type: "bigint", nullable: false),
                    agree_area_hundredths = table.Column<long>(type: "bigint", nullable: false),
                    disagree_headcount = table.Column<long>(type: "bigint", nullable: false),
                    abstain_headcount = table.Column<long>(type: "bigint", nullable: false),
                    quorum_met = table.Column<bool>(type: "boolean", nullable: false),
                    area_approved = table.Column<bool>(type: "boolean", nullable: false),
                    headcount_approved = table.Column<bool>(type: "boolean", nullable: false),
                    passed = table.Column<bool>(type: "boolean", nullable: false),
                    ballot_count = table.Column<long>(type: "bigint", nullable: false),
                    ballot_chain_head = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proposal_results", x => x.proposal_id);
                    table.ForeignKey(
                        name: "fk_proposal_results_proposals_proposal_id",
                        column: x => x.proposal_id,
                        principalTable: "proposals",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_proposals_closes_at",
                table: "proposals",
                column: "closes_at");

            migrationBuilder.CreateIndex(
                name: "ix_ballots_proposal_id_position",
                table: "ballots",
                columns: new[] { "proposal_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_ballots_proposal_id_voter_id",
                table: "ballots",
                columns: new[] { "proposal_id", "voter_id" });

            // The record of a vote is append-only: a cast ballot, a frozen electorate and a published
            // result can be neither changed nor deleted short of a migration.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_change_of_vote_record() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'restrict_violation';
                END $$;
                CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_vote_record();
                CREATE TRIGGER electorate_members_append_only BEFORE UPDATE OR DELETE ON electorate_members
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_vote_record();
                CREATE TRIGGER proposal_results_append_only BEFORE UPDATE OR DELETE ON proposal_results
                  FOR EACH ROW EXECUTE FUNCTION refuse_change_of_vote_record();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER ballots_append_only ON ballots;
                DROP TRIGGER electorate_members_append_only ON electorate_members;
                DROP TRIGGER proposal_results_append_only ON proposal_results;
                DROP FUNCTION refuse_change_of_vote_record();
                """);

            migrationBuilder.DropTable(
                name: "proposal_results");

            migrationBuilder.DropIndex(
                name: "ix_proposals_closes_at",
                table: "proposals");

            migrationBuilder.DropIndex(
                name: "ix_ballots_proposal_id_position",
                table: "ballots");

            migrationBuilder.DropIndex(
                name: "ix_ballots_proposal_id_voter_id",
                table: "ballots");

            migrationBuilder.DropColumn(
                name: "attachments",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "reference",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "scope_ids",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "scope_kind",
                table: "proposals");

            migrationBuilder.DropColumn(
                name: "terms",
                table: "proposals");

            migrationBuilder.RenameColumn(
                name: "position",
                table: "ballots",
                newName: "sequence");

            migrationBuilder.AlterColumn<long>(
                name: "sequence",
                table: "ballots",
                type: "bigint",
                nullable: false,
                oldClrType: typeof(long),
                oldType: "bigint")
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.CreateIndex(
                name: "ix_ballots_proposal_id_sequence",
                table: "ballots",
                columns: new[] { "proposal_id", "sequence" });
        }
    }
}
