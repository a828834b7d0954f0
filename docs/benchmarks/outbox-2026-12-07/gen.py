# Writes old.sql and new.sql: 400 rounds of what the outbox sees at a steady rate, 250 events
# (a batch of UserCreations) appended in one transaction, then one relay round of up to 500:
# old: mark them sent (update sent_at) and delete those sent over an hour ago (none in the run);
# new: delete them. A payload of a user.created's size. Run by run.sh.
import json, uuid
payload = json.dumps({"envelope": {"eventId": "x" * 36, "occurredAt": "2026-12-07T16:00:00.123456Z",
                                   "correlationId": "y" * 36, "schemaVersion": 1},
                      "userId": "z" * 36, "name": "N***", "email": "e***@example.com",
                      "createdAt": "2026-12-07T16:00:00.123456Z"})
rows, rounds = 250, 400
for mode in ('old', 'new'):
    out = []
    for r in range(rounds):
        values = ",".join("('user.created','%s',convert_to('%s','UTF8'),'00-%s-%s-01')"
                          % (uuid.uuid4(), payload, uuid.uuid4().hex, uuid.uuid4().hex[:16]) for i in range(rows))
        out.append("begin; insert into outbox (topic, record_key, payload, traceparent) values %s; commit;" % values)
        if mode == 'old':
            out.append("begin; with s as (select id from outbox where sent_at is null order by id limit 500) "
                       "update outbox set sent_at = now() where id in (select id from s); "
                       "delete from outbox where sent_at < now() - make_interval(secs => 3600); commit;")
        else:
            out.append("begin; with s as (select id from outbox order by id limit 500) "
                       "delete from outbox where id in (select id from s); commit;")
    open('%s.sql' % mode, 'w').write("\n".join(out))
