-- A claim is fenced by its token: every later change of the row (sent, unconfirmed,
-- released) names the token it was claimed with, so a sender whose claim was taken over
-- changes nothing. UNCONFIRMED: the whole message reached the server but its reply never
-- came back (the server may have it); such an email is not sent again.
alter table sent_emails add column claim_token uuid;
alter table sent_emails drop constraint sent_emails_status_check;
alter table sent_emails add constraint sent_emails_status_check
    check (status in ('SENDING', 'SENT', 'UNCONFIRMED'));
