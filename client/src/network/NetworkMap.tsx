import { type Partner, RELATION_KINDS, type Relation } from '@common-ground/shared/api';
import { useId, useMemo } from 'react';
import { initials } from '../board/lookups';
import { useT } from '../i18n/locale';
import {
  MAP_SIZE,
  NODE_RADIUS,
  placeEdges,
  RELATION_STYLE,
  ringLayout,
  shortName,
  strokeWidth,
} from './mapLayout';
import { strengthLabel } from './relationText';

/**
 * The partners on a ring and their relations as lines: the kind shows as dash pattern, colour and a text label,
 * the strength as line width. Nodes are buttons (Tab, Enter/Space); the relation list below is the text version.
 */
export function NetworkMap(props: {
  partners: readonly Partner[];
  relations: readonly Relation[];
  selectedId: string | null;
  onSelect: (partnerId: string | null) => void;
}) {
  const { partners, relations, selectedId, onSelect } = props;
  const t = useT();
  const arrowId = useId();
  const titleId = useId();
  const nodes = useMemo(() => ringLayout(partners.map((p) => p.id)), [partners]);
  const edges = useMemo(() => placeEdges(relations, nodes), [relations, nodes]);
  const relationCount = (id: string) => relations.filter((r) => r.from === id || r.to === id).length;
  const touchesSelected = (r: Relation) =>
    selectedId !== null && (r.from === selectedId || r.to === selectedId);

  return (
    <div className="network-map" data-testid="network-map">
      <svg
        viewBox={`0 0 ${MAP_SIZE.width} ${MAP_SIZE.height}`}
        aria-labelledby={titleId}
        className={selectedId ? 'has-selection' : undefined}
      >
        <title id={titleId}>{t('map.label', { count: partners.length })}</title>
        <defs>
          {RELATION_KINDS.filter((kind) => kind === 'funding').map((kind) => (
            <marker
              key={kind}
              id={`${arrowId}-${kind}`}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto-start-reverse"
            >
              <path d="M0 0 L10 5 L0 10 z" fill={RELATION_STYLE[kind].colour} />
            </marker>
          ))}
        </defs>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: lines and their labels are not focusable; the relation list is their text version. */}
        <g aria-hidden="true">
          {edges.map(({ relation, path }) => (
            <path
              key={relation.id}
              d={path}
              className={`map-edge${touchesSelected(relation) ? ' is-related' : ''}`}
              fill="none"
              stroke={RELATION_STYLE[relation.kind].colour}
              strokeWidth={strokeWidth(relation.strength)}
              strokeDasharray={RELATION_STYLE[relation.kind].dash || undefined}
              strokeLinecap={relation.kind === 'informal' ? 'round' : 'butt'}
              markerEnd={relation.kind === 'funding' ? `url(#${arrowId}-funding)` : undefined}
              data-testid="map-edge"
              data-kind={relation.kind}
            />
          ))}
          {edges.map(({ relation, label }) => (
            <text key={relation.id} x={label.x} y={label.y} className="map-edge-label" textAnchor="middle">
              {t(`relation.kind.${relation.kind}`)} · {strengthLabel(relation.strength, t)}
            </text>
          ))}
        </g>
        {partners.map((partner) => {
          const node = nodes.get(partner.id);
          if (!node) return null;
          const selected = partner.id === selectedId;
          const kind = t(`kind.${partner.kind}`);
          const select = () => onSelect(selected ? null : partner.id);
          return (
            // biome-ignore lint/a11y/useSemanticElements: an SVG group cannot be a <button>; role and keys make it one.
            <g
              key={partner.id}
              role="button"
              tabIndex={0}
              aria-pressed={selected}
              className={`map-node${selected ? ' is-selected' : ''}`}
              onClick={select}
              onKeyDown={(event) => {
                if (event.key !== 'Enter' && event.key !== ' ') return;
                event.preventDefault();
                select();
              }}
              data-testid="map-node"
              data-partner-id={partner.id}
            >
              <title>{t('map.node', { name: partner.name, kind, count: relationCount(partner.id) })}</title>
              <circle cx={node.x} cy={node.y} r={NODE_RADIUS} />
              <text
                x={node.x}
                y={node.y}
                className="map-node-initials"
                textAnchor="middle"
                dominantBaseline="central"
              >
                {initials(partner.name)}
              </text>
              <text x={node.label.x} y={node.label.nameY} textAnchor="middle" className="map-node-name">
                {shortName(partner.name)}
              </text>
              <text x={node.label.x} y={node.label.kindY} textAnchor="middle" className="map-node-kind">
                {kind}
                {selected ? ` · ${t('map.selected')}` : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <MapLegend />
    </div>
  );
}

function MapLegend() {
  const t = useT();
  return (
    <div className="map-legend">
      <h3 className="visually-hidden">{t('map.legend')}</h3>
      <ul>
        {RELATION_KINDS.map((kind) => (
          <li key={kind}>
            <svg width="44" height="12" aria-hidden="true">
              <line
                x1="2"
                y1="6"
                x2="42"
                y2="6"
                stroke={RELATION_STYLE[kind].colour}
                strokeWidth="4"
                strokeDasharray={RELATION_STYLE[kind].dash || undefined}
                strokeLinecap={kind === 'informal' ? 'round' : 'butt'}
              />
            </svg>
            {t(`relation.kind.${kind}`)}
          </li>
        ))}
        <li>{t('map.legendStrength')}</li>
        <li>{t('map.legendArrow')}</li>
      </ul>
      <p className="hint">{t('map.hint')}</p>
    </div>
  );
}
