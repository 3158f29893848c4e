import { AppError } from '../../../../miniprogram/core/errors';
import type { Handler } from '../../kernel/action';

// Placeholder while the roll helper writes this use case; replaced before the feature lands.
export const correctRoll: Handler<'roll.correct'> = async () => {
  throw new AppError('INTERNAL', '名册功能尚未完成');
};
