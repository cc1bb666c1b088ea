// The history of a claim or dispute, for readers and the desk.
import { defineMessages } from './define';

export const history = defineMessages({
  en: {
    'history.pageTitle': 'History: {subject}',
    'history.subject.claim': 'claim {id}',
    'history.subject.dispute': 'dispute {id}',
    'history.edit': 'Edit',
    'history.system': 'system',
    // What a revision did, e.g. "claim update"; the lists are those of revision.repository.ts.
    'history.entry':
      '{entity, select, claim {claim} verdict {verdict} citation {citation} link {link} dispute {dispute} other {record}} {action, select, create {create} update {update} delete {delete} other {change}}',
  },
  nl: {
    'history.pageTitle': 'Geschiedenis: {subject}',
    'history.subject.claim': 'bewering {id}',
    'history.subject.dispute': 'geschil {id}',
    'history.edit': 'Bewerken',
    'history.system': 'systeem',
    'history.entry':
      '{entity, select, claim {bewering} verdict {oordeel} citation {verwijzing} link {koppeling} dispute {geschil} other {item}} {action, select, create {aangemaakt} update {gewijzigd} delete {verwijderd} other {gewijzigd}}',
  },
});
